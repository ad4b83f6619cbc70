using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Tests.RejectionTableTests;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

/// <summary>
/// The incident insights measure follow-through to the moment an action was done: the reducer stamps
/// <see cref="ActionDetails.DoneAt"/> with the entry's time when the status becomes Done and clears it when the
/// action is reopened. Every path that changes a status (hub, PATCH, the follow-up page) is an UpdateActionStatus.
/// </summary>
public sealed class ActionDoneAtTests
{
    private static TestBoard Locked()
    {
        var t = Baseline();
        t.Ok(Alice, new SetActionDetails("act1", OwnerParticipantId: Bob, DueDate: new DateOnly(2026, 3, 13)));
        t.Ok(Facilitator, new ChooseAction("act1", true));
        t.Ok(Facilitator, new LockBoard());
        return t;
    }

    [Fact]
    public void DoneAtIsTheTimeOfTheEntryThatMadeTheActionDone()
    {
        var t = Locked();
        t.Now = t.Now.AddDays(3);
        t.Ok(Bob, new UpdateActionStatus("act1", ActionStatus.InProgress));
        Assert.Null(t.State.Notes["act1"].Action!.DoneAt);

        t.Now = t.Now.AddDays(2);
        t.Ok(Bob, new UpdateActionStatus("act1", ActionStatus.Done));

        Assert.Equal(t.Log[^1].At, t.State.Notes["act1"].Action!.DoneAt);
    }

    [Fact]
    public void ReopeningClearsDoneAtAndDoingItAgainTakesTheNewTime()
    {
        var t = Locked();
        t.Ok(Bob, new UpdateActionStatus("act1", ActionStatus.Done));
        t.Now = t.Now.AddDays(1);
        t.Ok(Facilitator, new UpdateActionStatus("act1", ActionStatus.Open));
        Assert.Null(t.State.Notes["act1"].Action!.DoneAt);

        t.Now = t.Now.AddDays(1);
        t.Ok(Bob, new UpdateActionStatus("act1", ActionStatus.WontDo));
        Assert.Null(t.State.Notes["act1"].Action!.DoneAt);

        t.Now = t.Now.AddDays(1);
        t.Ok(Bob, new UpdateActionStatus("act1", ActionStatus.Done));
        var again = t.Log[^1].At;
        t.Now = t.Now.AddDays(1);
        t.Ok(Bob, new UpdateActionStatus("act1", ActionStatus.Done)); // already done: the first time stays

        Assert.Equal(again, t.State.Notes["act1"].Action!.DoneAt);
    }

    [Fact]
    public void DoneAtTravelsInSnapshotsViewsAndTheStateHash()
    {
        var t = Locked();
        var before = t.Board.StateHash();
        t.Ok(Bob, new UpdateActionStatus("act1", ActionStatus.Done));

        var reloaded = Board.FromSnapshot(t.Board.ToSnapshot());

        Assert.NotEqual(before, t.Board.StateHash());
        Assert.Equal(t.Board.StateHash(), reloaded.StateHash());
        Assert.Equal(t.Log[^1].At, reloaded.State.Notes["act1"].Action!.DoneAt);
        Assert.Equal(t.Log[^1].At, t.Board.ViewFor(Alice).Notes.Single(n => n.Id == "act1").Action!.DoneAt);
    }
}
