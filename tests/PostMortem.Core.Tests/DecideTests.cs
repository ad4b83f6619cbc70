using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

/// <summary>R3 and R17: Board.Decide, the one decision point every writer uses before the log.</summary>
public sealed class DecideTests
{
    [Fact]
    public void AnAppliedClientOpIdIsADuplicateOfItsSeq()
    {
        var t = Started();
        var first = t.Do(Alice, new AddNote("n1", NoteKind.Event, "deployed", Incident), "mine-1");

        var decision = t.Board.Decide(Alice, "mine-1", new AddNote("n1", NoteKind.Event, "deployed", Incident), t.Now);

        // Duplicate comes before the handlers: judged again, the retry would be id_taken.
        Assert.Equal(new Decision(DecisionKind.Duplicate, DuplicateOfSeq: first.Entry.Seq), decision);
    }

    [Fact]
    public void TheSameClientOpIdFromAnotherParticipantIsJudgedOnItsOwn()
    {
        var t = Started();
        t.Ok(Alice, new AddNote("n1", NoteKind.Event, "deployed", Incident));

        Assert.Equal(DecisionKind.Append, t.Board.Decide(Bob, "mine-1", new AddNote("n2", NoteKind.Event, "x", Incident), t.Now).Kind);
    }

    [Fact]
    public void ACertainRejectionIsDecidedWithItsCodeAndChangesNothing()
    {
        var t = Started();
        var hash = t.Board.StateHash();

        var decision = t.Board.Decide(Alice, "fresh-1", new AdvancePhase(), t.Now);

        Assert.Equal((DecisionKind.Rejected, RejectionCodes.NotFacilitator), (decision.Kind, decision.Code));
        Assert.Equal(hash, t.Board.StateHash());
    }

    [Fact]
    public void ARejectedOpIsNotRememberedSoItsRetryIsJudgedAgain()
    {
        var t = Started();
        t.Ok(Facilitator, new LockPhase(Phase.SetTheRoom));
        t.Ok(Facilitator, new LockPhase(Phase.Timeline));
        Assert.Equal(RejectionCodes.PhaseLocked, t.Rejected(Alice, new AddNote("n1", NoteKind.Event, "x", Incident)));
        t.Ok(Facilitator, new UnlockPhase(Phase.Timeline));

        Assert.Equal(DecisionKind.Append, t.Board.Decide(Alice, "op-again", new AddNote("n1", NoteKind.Event, "x", Incident), t.Now).Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("an-op-id-that-is-longer-than-sixty-four-characters-is-refused-by-core-itself")]
    public void AClientOpIdOutsideTheLimitsIsRejected(string clientOpId)
    {
        var t = Started();

        Assert.Equal(RejectionCodes.InvalidValue, t.Board.Decide(Alice, clientOpId, new Rename("A"), t.Now).Code);
    }
}
