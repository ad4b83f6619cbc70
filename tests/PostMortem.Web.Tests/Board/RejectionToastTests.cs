using Bunit;
using PostMortem.Client;
using PostMortem.Core.Commands;
using PostMortem.Web.Client.Board;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Board;

public sealed class RejectionToastTests : BoardTestContext
{
    [Fact]
    public async Task ARefusalIsShownAsTheServersSentenceWithoutTheCode()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        var cut = RenderOn<RejectionToast>(session);
        Assert.Empty(cut.FindAll("[data-testid='rejection']"));

        var refused = await session.Submit(new AdvancePhase()).Result.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("rejected", refused.Status);
        cut.WaitForAssertion(() => Assert.Equal("Only the facilitator can do this.", cut.Find("[data-testid='rejection'] span").TextContent));
        var toast = cut.Find("[data-testid='rejection']");
        Assert.Equal("not_facilitator", toast.GetAttribute("data-code"));
        Assert.DoesNotContain("not_facilitator", toast.TextContent, StringComparison.Ordinal);
        Assert.Equal("alert", toast.GetAttribute("role"));
    }

    [Fact]
    public void DismissingHidesIt()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        var cut = RenderOn<RejectionToast>(session);
        session.Submit(new LockBoard());
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".toast")));

        cut.Find("button[aria-label='Dismiss']").Click();

        Assert.Empty(cut.FindAll(".toast"));
    }

    [Fact]
    public void ItGoesAwayByItself()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        var cut = RenderOn<RejectionToast>(session, p => p.Add(x => x.ShownFor, TimeSpan.FromMilliseconds(50)));

        session.Submit(new LockBoard());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".toast")), TimeSpan.FromSeconds(5));
        Assert.Equal("rejected", session.Sent.Single().Result.Status);
    }

    [Fact]
    public void AcceptedCommandsShowNothing()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        var cut = RenderOn<RejectionToast>(session);

        session.Submit(new SetReady(true));

        Assert.Equal("accepted", session.Sent.Single().Result.Status);
        Assert.Empty(cut.FindAll(".toast"));
    }

    [Theory]
    [InlineData("owner_not_a_person", null)]
    [InlineData("not_author", "")]
    [InlineData("rate_limited", "  ")]
    public void ARefusalWithoutItsOwnMessageShowsCoresSentenceForTheCodeNeverTheCode(string code, string? message)
    {
        var shown = RejectionSentence.For(new CommandResult("op", "rejected", Code: code, Message: message));

        Assert.Equal(PostMortem.Core.RejectionCodes.Sentence(code), shown);
        Assert.DoesNotContain(code, shown, StringComparison.Ordinal);
    }

    [Fact]
    public void ARefusalWithItsOwnMessageShowsThatMessage() =>
        Assert.Equal("The votes have been revealed.", RejectionSentence.For(new CommandResult("op", "rejected", Code: "votes_revealed", Message: " The votes have been revealed. ")));
}
