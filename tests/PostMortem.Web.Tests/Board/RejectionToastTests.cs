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
    [InlineData("owner_not_a_person", RejectionSentence.Fallback)]
    [InlineData("", RejectionSentence.Fallback)]
    [InlineData(null, RejectionSentence.Fallback)]
    [InlineData("the votes have been revealed", "The votes have been revealed.")]
    [InlineData("Slow down a little.", "Slow down a little.")]
    public void ASentenceNeverACode(string? message, string shown) =>
        Assert.Equal(shown, RejectionSentence.For(new CommandResult("op", "rejected", Code: "x", Message: message)));
}
