using Bunit;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Web.Client.Phases;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Phases;

public sealed class PhaseContentTests : PhaseTestBase
{
    private static List<string> Headings(IRenderedComponent<PhaseContent> cut) => cut.FindAll("h2").Select(h => h.TextContent).ToList();

    [Fact]
    public void ShowsTheMeetingsPhaseByDefault()
    {
        var session = Board(FakeBoardSession.Alice, Phase.Timeline);
        var cut = RenderUnder<PhaseContent>(session);

        Assert.Equal(["Timeline"], Headings(cut));
    }

    [Fact]
    public void FollowsTheMeetingWhenTheFacilitatorAdvances()
    {
        var session = Board(FakeBoardSession.Alice, Phase.Timeline);
        var cut = RenderUnder<PhaseContent>(session);

        session.As(FakeBoardSession.Facilitator, new AdvancePhase());

        cut.WaitForAssertion(() => Assert.Equal(["Root cause — why chains"], Headings(cut)));
    }

    [Fact]
    public void APhaseChosenToLookAtShowsAlone()
    {
        var session = Board(FakeBoardSession.Alice, Phase.RootCause, AgendaPreset.Sixty);
        var cut = RenderUnder<PhaseContent>(session, p => p.Add(x => x.Phase, Phase.Timeline));

        Assert.Equal(["Timeline"], Headings(cut));
    }

    [Fact]
    public void TheSixtyMinuteAgendaShowsContributingFactorsOnTheRootCauseScreen()
    {
        var session = Board(FakeBoardSession.Alice, Phase.RootCause, AgendaPreset.Sixty);
        var cut = RenderUnder<PhaseContent>(session);

        Assert.Equal(["Root cause — why chains", "Contributing factors"], Headings(cut));
        Assert.Contains("contributing factors are folded into this phase", cut.Find(".folded-note").TextContent, StringComparison.Ordinal);
        Assert.Equal("phase-title-contributing-factors", cut.FindAll("h2")[1].Id);

        Field(cut, "A contributing factor").Input("The job had no alerting");
        cut.Find("form.add-contributingFactor").Submit();

        Assert.Equal(NoteKind.ContributingFactor, Assert.Single(SentOf<AddNote>(session)).Kind);
        cut.WaitForAssertion(() => Assert.Contains("The job had no alerting", cut.Find(".note-contributingFactor").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void SetTheRoomAgreesToThePrimeDirective()
    {
        var session = Board(FakeBoardSession.Alice, Phase.SetTheRoom);
        var cut = RenderUnder<PhaseContent>(session);
        Assert.Contains("0 of 3 agreed", cut.Markup, StringComparison.Ordinal);

        Button(cut, "I agree").Click();

        Assert.True(Assert.Single(SentOf<AgreePrimeDirective>(session)).Agreed);
        cut.WaitForAssertion(() => Assert.Contains("1 of 3 agreed", cut.Markup, StringComparison.Ordinal));
        Assert.Equal("true", Button(cut, "Agreed").GetAttribute("aria-pressed"));
    }
}
