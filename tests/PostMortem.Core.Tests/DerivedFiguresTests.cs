using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

/// <summary>Figures the clients show and never work out themselves: readiness, ties, which way the meeting can move.</summary>
public sealed class DerivedFiguresTests
{
    [Fact]
    public void ReadinessCountsThePeopleHereAndStartsAgainWithEachPhase()
    {
        var t = Started();
        t.Ok(Alice, new SetReady(true));
        Assert.Equal((3, 1), (t.Board.ViewFor(Alice).Derived.Present, t.Board.ViewFor(Alice).Derived.Ready));

        t.Ok(Bob, new Leave());
        Assert.Equal((2, 1), (t.Board.ViewFor(Alice).Derived.Present, t.Board.ViewFor(Alice).Derived.Ready));

        t.Ok(Facilitator, new AdvancePhase());
        Assert.Equal((2, 0), (t.Board.ViewFor(Alice).Derived.Present, t.Board.ViewFor(Alice).Derived.Ready));
    }

    [Fact]
    public void RankedActionsWithAsManyVotesAsTheOneBeforeThemAreTies()
    {
        var t = Started();
        foreach (var id in (string[])["a1", "a2", "a3"])
        {
            t.Ok(Facilitator, new AddNote(id, NoteKind.Action, "action " + id));
        }

        t.AdvanceTo(Phase.Actions);
        t.Ok(Alice, new CastVote("a2"));
        t.Ok(Alice, new CastVote("a2"));
        t.Ok(Bob, new CastVote("a1"));
        t.Ok(Bob, new CastVote("a3"));
        Assert.Empty(t.Board.ViewFor(Alice).Derived.Ties); // nothing ranked before the reveal

        t.Ok(Facilitator, new RevealVotes());
        var derived = t.Board.ViewFor(Alice).Derived;

        Assert.Equal(["a2", "a1", "a3"], derived.Ranking);
        Assert.Equal(["a3"], derived.Ties);
    }

    [Fact]
    public void OnlyTheFacilitatorMayMoveTheMeetingAndOnlyWhereTheAgendaHasAPhase()
    {
        var t = Started(AgendaPreset.Sixty);
        var first = t.Board.AffordancesFor(Facilitator);
        Assert.False(first.MayGoBack);
        Assert.True(first.MayAdvance);
        Assert.False(t.Board.AffordancesFor(Alice).MayAdvance);

        t.AdvanceTo(Phase.Close);
        var last = t.Board.AffordancesFor(Facilitator);
        Assert.True(last.MayGoBack);
        Assert.False(last.MayAdvance);
        Assert.Equal(RejectionCodes.NoPhase, t.Rejected(Facilitator, new AdvancePhase()));
    }

    [Fact]
    public void AVoteMayBeTakenBackOnlyWhereTheViewerHasOne()
    {
        var t = Started();
        t.Ok(Facilitator, new AddNote("a1", NoteKind.Action, "action one"));
        t.Ok(Facilitator, new AddNote("a2", NoteKind.Action, "action two"));
        t.AdvanceTo(Phase.Actions);
        t.Ok(Alice, new CastVote("a1"));

        Assert.Equal(["a1"], t.Board.AffordancesFor(Alice).RetractableVotes);
        Assert.Equal(RejectionCodes.NoVoteToRetract, t.Rejected(Alice, new RetractVote("a2")));
        t.Ok(Alice, new RetractVote("a1"));
        Assert.Empty(t.Board.AffordancesFor(Alice).RetractableVotes);
    }
}
