using Bunit;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Web.Client.Board;
using PostMortem.Web.Client.Phases;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Phases;

/// <summary>Anonymous boards in the live board's pieces (claim 50): cards say "You" or nothing, the board says
/// "Anonymous", and the facilitator's control is offered only while Core would accept it.</summary>
public sealed class AnonymousBoardUiTests : PhaseTestBase
{
    private static FakeBoardSession AnonymousBoard(string viewer, Phase phase, params Phase[] anonymous)
    {
        var session = new FakeBoardSession(viewer, anonymous: anonymous);
        while (session.Board.State.Meta.Phase != phase)
        {
            session.As(FakeBoardSession.Facilitator, new AdvancePhase());
        }

        return session;
    }

    private IRenderedComponent<NoteCard> AlicesNoteAs(FakeBoardSession session)
    {
        session.As(FakeBoardSession.Alice, new AddNote("n1", NoteKind.Event, "API change deployed", new DateTimeOffset(2026, 3, 3, 16, 47, 0, TimeSpan.Zero)));
        return RenderUnder<NoteCard>(session, p => p.Add(x => x.Note, session.View!.Notes.Single()));
    }

    [Fact]
    public void TheAuthorSeesYouOnTheirAnonymousNoteAndOthersSeeNoName()
    {
        var alice = AlicesNoteAs(AnonymousBoard(FakeBoardSession.Alice, Phase.Timeline, Phase.Timeline));
        var bob = AlicesNoteAs(AnonymousBoard(FakeBoardSession.Bob, Phase.Timeline, Phase.Timeline));

        Assert.Equal("You", alice.Find(".note-author").TextContent);
        Assert.Empty(bob.FindAll(".note-author"));
        Assert.DoesNotContain("Alice", bob.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFacilitatorSeesNoNameButMayStillRemoveTheNote()
    {
        var session = AnonymousBoard(FakeBoardSession.Facilitator, Phase.Timeline, Phase.Timeline);
        var cut = AlicesNoteAs(session);

        Assert.Empty(cut.FindAll(".note-author"));
        Button(cut, "Delete note: API change deployed").Click();
        cut.Find(".confirm button.danger-solid").Click();

        Assert.Equal("n1", Assert.Single(SentOf<DeleteNote>(session)).NoteId);
        Assert.Empty(session.Board.State.Notes);
    }

    [Fact]
    public void OnABoardThatIsNotAnonymousTheAuthorsNameIsShown()
    {
        var bob = AlicesNoteAs(AnonymousBoard(FakeBoardSession.Bob, Phase.Timeline));

        Assert.Equal("Alice", bob.Find(".note-author").TextContent);
    }

    [Fact]
    public void AnAnonymousChainSaysByYouToItsAuthorAndNothingToOthers()
    {
        WhyChain ChainFor(FakeBoardSession s) => s.View!.Chains.Single();
        var alice = AnonymousBoard(FakeBoardSession.Alice, Phase.RootCause, Phase.RootCause);
        var bob = AnonymousBoard(FakeBoardSession.Bob, Phase.RootCause, Phase.RootCause);
        foreach (var s in (FakeBoardSession[])[alice, bob])
        {
            s.As(FakeBoardSession.Alice, new StartChain("c1", "Reconciliation failed"));
        }

        var forAlice = RenderUnder<WhyChainHead>(alice, p => p.Add(x => x.Chain, ChainFor(alice)));
        var forBob = RenderUnder<WhyChainHead>(bob, p => p.Add(x => x.Chain, ChainFor(bob)));

        Assert.Equal("by You", forAlice.Find(".chain-author").TextContent.Trim());
        Assert.Empty(forBob.FindAll(".chain-author"));
    }

    [Fact]
    public void EveryoneSeesTheAnonymousLabelWhileTheCurrentPhaseIsAnonymous()
    {
        foreach (var viewer in (string[])[FakeBoardSession.Facilitator, FakeBoardSession.Bob])
        {
            var session = AnonymousBoard(viewer, Phase.Timeline, Phase.Timeline);
            var badge = Render<AnonymousBadge>(p => p.Add(x => x.Can, session.View!.Affordances));
            Assert.Contains("Anonymous", badge.Find("[data-testid=anonymous-badge]").TextContent, StringComparison.Ordinal);

            session.As(FakeBoardSession.Facilitator, new AdvancePhase()); // root cause: not anonymous
            badge.Render(p => p.Add(x => x.Can, session.View!.Affordances));
            Assert.Empty(badge.FindAll("[data-testid=anonymous-badge]"));
        }
    }

    [Fact]
    public void TheFacilitatorMakesAPhaseAnonymousOnSetTheRoom()
    {
        var session = AnonymousBoard(FakeBoardSession.Facilitator, Phase.SetTheRoom);
        var cut = RenderUnder<AnonymityControl>(session);

        cut.Find("[data-testid=anonymous-rootCause]").Change(true);

        Assert.Equal([Phase.RootCause], Assert.Single(SentOf<SetAnonymity>(session)).Phases);
        Assert.Equal([Phase.RootCause], session.Board.State.Meta.AnonymousPhases);
        cut.Render();
        cut.Find("[data-testid=anonymous-whole-board]").Change(true);
        Assert.Equal(AnonymityPhases.All, session.Board.State.Meta.AnonymousPhases);
    }

    [Fact]
    public void APhaseUnderWayIsShownButCannotChangeAndParticipantsAreNotOffered()
    {
        var session = AnonymousBoard(FakeBoardSession.Facilitator, Phase.Timeline, Phase.Timeline);
        var cut = RenderUnder<AnonymityControl>(session);

        var timeline = cut.Find("[data-testid=anonymous-timeline]");
        Assert.True(timeline.HasAttribute("checked"));
        Assert.True(timeline.HasAttribute("disabled"));
        Assert.False(cut.Find("[data-testid=anonymous-actions]").HasAttribute("disabled"));
        Assert.False(cut.Find("[data-testid=anonymous-whole-board]").HasAttribute("disabled")); // the rest may still join it

        var alice = RenderUnder<AnonymityControl>(AnonymousBoard(FakeBoardSession.Alice, Phase.SetTheRoom));
        Assert.Empty(alice.FindAll("[data-testid=anonymity-control]"));
    }
}
