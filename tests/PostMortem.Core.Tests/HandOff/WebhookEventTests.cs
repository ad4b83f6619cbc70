using PostMortem.Core.Commands;
using PostMortem.Core.HandOff;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests.HandOff;

public sealed class WebhookEventTests
{
    private static TestBoard WithChosenAction()
    {
        var t = Started();
        t.Ok(Alice, new AddNote("a1", NoteKind.Action, "Runbook for the cache"));
        t.Ok(Alice, new SetActionDetails("a1", OwnerParticipantId: Alice, DueDate: new DateOnly(2026, 3, 13)));
        t.Ok(Facilitator, new ChooseAction("a1", true));
        return t;
    }

    [Fact]
    public void LockingTheBoardIsTheCloseEventWithItsActions()
    {
        var t = WithChosenAction();

        var locked = t.Ok(Facilitator, new LockBoard());
        var e = WebhookEvents.For(t.Board, locked);

        Assert.NotNull(e);
        Assert.Equal(WebhookEventTypes.BoardClosed, e.Type);
        Assert.Equal($"{t.Board.BoardId}.{locked.Entry.Seq}", e.Id);
        Assert.Equal(locked.Entry.At, e.OccurredAt);
        Assert.Equal("Pause subscription broke reconciliation", e.Incident.Title);
        Assert.Equal(locked.Entry.At, e.Incident.ClosedAt);
        var action = Assert.Single(e.Actions!);
        Assert.Equal(("a1", "Alice", ActionStatus.Open), (action.NoteId, action.Owner, action.Status));
        Assert.Null(e.Action);
    }

    [Fact]
    public void AStatusChangeIsAnEventAndSettingTheSameStatusAgainIsNot()
    {
        var t = WithChosenAction();
        t.Ok(Facilitator, new LockBoard());

        var changed = t.Ok(Alice, new UpdateActionStatus("a1", ActionStatus.Done));
        var again = t.Ok(Alice, new UpdateActionStatus("a1", ActionStatus.Done));

        var e = WebhookEvents.For(t.Board, changed);
        Assert.NotNull(e);
        Assert.Equal(WebhookEventTypes.ActionStatusChanged, e.Type);
        Assert.Equal(ActionStatus.Done, e.Action!.Status);
        Assert.Null(e.Actions);
        Assert.Null(WebhookEvents.For(t.Board, again));
    }

    [Fact]
    public void RejectedAndOtherEntriesCauseNoEvent()
    {
        var t = WithChosenAction();

        var refused = t.Do(Bob, new UpdateActionStatus("a1", ActionStatus.Done)); // not the owner
        var note = t.Ok(Alice, new AddNote("n1", NoteKind.Event, "something", Incident));

        Assert.False(refused.Outcome.IsAccepted);
        Assert.Null(WebhookEvents.For(t.Board, refused));
        Assert.Null(WebhookEvents.For(t.Board, note));
    }

    [Fact]
    public void TheEventIsTheSameOnEveryReplicaThatAppliesTheEntry()
    {
        var t = WithChosenAction();
        t.Ok(Facilitator, new LockBoard());
        var other = Board.Empty(t.Board.BoardId);
        ApplyResult? last = null;
        foreach (var entry in t.Log)
        {
            last = other.Apply(entry);
        }

        var mine = WebhookEvents.For(t.Board, t.Applied[^1])!;
        var theirs = WebhookEvents.For(other, last!)!;
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(mine, ProtocolJsonContext.Default.WebhookEvent),
            System.Text.Json.JsonSerializer.Serialize(theirs, ProtocolJsonContext.Default.WebhookEvent));
    }
}
