using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

public sealed class ReducerBasicsTests
{
    [Fact]
    public void CreateBoardMakesTheActorFacilitatorWithTheDefaultPrimeDirective()
    {
        var t = new TestBoard();
        var r = t.Ok(Facilitator, Create());

        Assert.True(t.State.Meta.Created);
        Assert.Equal(Facilitator, t.State.Meta.FacilitatorId);
        Assert.Equal(Role.Facilitator, t.Board.RoleOf(Facilitator));
        Assert.Equal(Role.Reader, t.Board.RoleOf("stranger"));
        Assert.Contains("Norm Kerth", t.State.Meta.PrimeDirective, StringComparison.Ordinal);
        Assert.Equal(6, t.State.Meta.Agenda.Count);
        Assert.Contains(r.Events, e => e is MetaChanged);
        Assert.Contains(r.Events, e => e is ParticipantChanged p && p.Participant.Id == Facilitator);
        Assert.Contains(r.Events, e => e is DerivedChanged);
    }

    [Fact]
    public void OutOfOrderEntryThrows()
    {
        var t = new TestBoard();
        var entry = new LogEntry(2, t.Now, Facilitator, "x", Create());
        Assert.Throws<InvalidOperationException>(() => t.Board.Apply(entry));
    }

    [Fact]
    public void RepeatedClientOpIdAppliesOnce()
    {
        var t = Started();
        var first = t.Do(Alice, new AddNote("n1", NoteKind.Event, "API change deployed"), "same-op");
        var second = t.Do(Alice, new AddNote("n2", NoteKind.Event, "API change deployed"), "same-op");

        Assert.True(first.Outcome.IsAccepted);
        Assert.Equal(OutcomeStatus.Duplicate, second.Outcome.Status);
        Assert.Equal(first.Entry.Seq, second.Outcome.DuplicateOfSeq);
        Assert.Single(t.State.Notes);
        Assert.Empty(second.Events);
    }

    [Fact]
    public void ParticipantCannotEditLockedPhaseButFacilitatorCan()
    {
        var t = Started();
        t.Ok(Alice, new AddNote("n1", NoteKind.Event, "API change deployed"));
        t.Ok(Facilitator, new LockPhase(Phase.Timeline));

        Assert.Equal(RejectionCodes.PhaseLocked, t.Rejected(Alice, new EditNote("n1", "API change deployed at 16:47")));
        t.Ok(Facilitator, new EditNote("n1", "API change deployed at 16:47"));
        Assert.Equal("API change deployed at 16:47", t.State.Notes["n1"].Text);
    }

    [Fact]
    public void VotesStaySecretUntilRevealed()
    {
        var t = Started();
        t.Ok(Alice, new AddNote("a1", NoteKind.Action, "Contract tests between the two services"));
        t.AdvanceTo(Phase.Actions);
        var vote = t.Ok(Alice, new CastVote("a1"));

        var forBob = Board.EventsFor(Bob, vote.Events);
        Assert.DoesNotContain(forBob, e => e is MyVotesChanged or TalliesChanged);
        var json = CoreJson.Context.IReadOnlyListBoardEvent;
        Assert.DoesNotContain("a1", System.Text.Json.JsonSerializer.Serialize(forBob, json), StringComparison.Ordinal);
        var bobView = t.Board.ViewFor(Bob);
        Assert.Empty(bobView.MyVotes);
        Assert.Null(bobView.Tallies);
        Assert.Empty(bobView.Derived.Ranking);
        Assert.Equal(1, bobView.Derived.Voters);
        Assert.Equal(["a1"], t.Board.ViewFor(Alice).MyVotes);

        var reveal = t.Ok(Facilitator, new RevealVotes());
        Assert.Contains(reveal.Events, e => e is TalliesChanged { VisibleTo: null } tc && tc.Tallies["a1"] == 1);
        Assert.Equal(["a1"], t.Board.ViewFor(Bob).Derived.Ranking);
    }
}
