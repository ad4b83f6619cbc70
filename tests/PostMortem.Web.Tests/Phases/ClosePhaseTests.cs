using Bunit;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Web.Client.Phases;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Phases;

public sealed class ClosePhaseTests : PhaseTestBase
{
    [Fact]
    public void TheFacilitatorSavesTheSummaryAndThePreviewFollows()
    {
        var session = Board(FakeBoardSession.Facilitator, Phase.Close);
        var cut = RenderUnder<ClosePhase>(session);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=writeup]")));

        Field(cut, "Summary — what happened (two sentences)").Input("An API change broke the overnight job.");
        Field(cut, "Impact, with numbers").Input("42 orders were re-packed.");
        Field(cut, "Follow-up date").Change("2026-03-27");
        cut.Find("form.close-form").Submit();

        var close = Assert.Single(SentOf<SetClose>(session));
        Assert.Equal(("An API change broke the overnight job.", "42 orders were re-packed.", new DateOnly(2026, 3, 27)), (close.Summary, close.Impact, close.FollowUpDate));
        cut.WaitForAssertion(() => Assert.Contains("42 orders were re-packed.", cut.Find("[data-testid=writeup]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void ParticipantsReadThePreviewWithoutTheForm()
    {
        var session = Board(FakeBoardSession.Alice, Phase.Close);
        var cut = RenderUnder<ClosePhase>(session);

        Assert.Empty(cut.FindAll("form.close-form"));
        Assert.Contains("The facilitator writes the summary", cut.Markup, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=writeup]")));
    }

    [Fact]
    public void TheReadKeyGivesTheWriteUpAndExportLinks()
    {
        var session = Board(FakeBoardSession.Facilitator, Phase.Close);
        var cut = RenderUnder<ClosePhase>(session, p => p.Add(x => x.ReadKey, "k 1"));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=writeup]")));
        var links = cut.FindAll(".share-links a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal("/b/b1/writeup?key=k%201", links["Open printable write-up"]);
        Assert.StartsWith("/api/boards/b1/writeup.md", links["Markdown"], StringComparison.Ordinal);
        Assert.EndsWith(".md", cut.FindAll(".share-links a").Single(a => a.TextContent == "Markdown").GetAttribute("download"), StringComparison.Ordinal);
        Assert.StartsWith("/api/boards/b1/writeup.json", links["JSON"], StringComparison.Ordinal);
    }

    [Fact]
    public void TheRolesSwitchShowsThePreviewWithRolesAndTheLinksFollowIt()
    {
        var session = Board(FakeBoardSession.Facilitator, Phase.Close);
        session.As(FakeBoardSession.Alice, new SetJobRole("on-call engineer"));
        session.As(FakeBoardSession.Facilitator, new SetClose("Alice rolled back.", "None.", null));
        var cut = RenderUnder<ClosePhase>(session, p => p.Add(x => x.ReadKey, "k"));
        cut.WaitForAssertion(() => Assert.Contains("Alice rolled back.", cut.Find("[data-testid=writeup]").TextContent, StringComparison.Ordinal));
        Assert.Equal("true", Button(cut, "Names").GetAttribute("aria-pressed"));

        Button(cut, "Roles").Click();

        cut.WaitForAssertion(() => Assert.Contains("on-call engineer rolled back.", cut.Find("[data-testid=writeup]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Alice", cut.Find("[data-testid=writeup]").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", Button(cut, "Roles").GetAttribute("aria-pressed"));
        Assert.Equal("false", Button(cut, "Names").GetAttribute("aria-pressed"));
        var links = cut.FindAll(".share-links a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal("/b/b1/writeup?key=k&roles=1", links["Open printable write-up"]);
        Assert.EndsWith("&roles=1", links["Markdown"], StringComparison.Ordinal);
        Assert.EndsWith("&roles=1", links["JSON"], StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTheReadKeyItSaysWhereTheLinksAre()
    {
        var session = Board(FakeBoardSession.Facilitator, Phase.Close);
        var cut = RenderUnder<ClosePhase>(session);

        Assert.Empty(cut.FindAll(".share-links a"));
        Assert.Contains("facilitator's page of links", cut.Find(".share-links").TextContent, StringComparison.Ordinal);
    }
}
