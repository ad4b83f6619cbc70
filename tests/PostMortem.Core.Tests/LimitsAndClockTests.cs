using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

public sealed class LimitsAndClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RunningTimerCountsDownAndIsUpAtItsEnd()
    {
        var timer = new TimerState { Status = TimerStatus.Running, DurationMs = 60_000, EndsAt = T0.AddMinutes(1) };

        Assert.Equal(60_000, timer.RemainingMsAt(T0));
        Assert.Equal(15_500, timer.RemainingMsAt(T0.AddMilliseconds(44_500)));
        Assert.False(timer.IsUp(T0.AddSeconds(59)));
        Assert.True(timer.IsUp(T0.AddMinutes(1)));
        Assert.Equal(0, timer.RemainingMsAt(T0.AddMinutes(5)));
    }

    [Fact]
    public void PausedTimerKeepsWhatWasLeftAndIdleTimerIsNeverUp()
    {
        Assert.Equal(12_000, new TimerState { Status = TimerStatus.Paused, RemainingMs = 12_000 }.RemainingMsAt(T0.AddYears(1)));
        Assert.True(new TimerState { Status = TimerStatus.Paused, RemainingMs = 0 }.IsUp(T0));
        Assert.False(new TimerState().IsUp(T0));
        Assert.Equal(0, new TimerState().RemainingMsAt(T0));
    }

    [Fact]
    public void TimerMathFollowsTheLogClock()
    {
        var t = Started();
        t.Now = T0;
        t.Ok(Facilitator, new StartTimer(300));            // T0+1s, ends T0+301s
        t.Now = T0.AddSeconds(100);
        t.Ok(Facilitator, new PauseTimer());               // T0+101s: 200s left
        Assert.Equal(200_000, t.State.Meta.Timer.RemainingMs);
        t.Now = T0.AddHours(1);
        t.Ok(Facilitator, new ExtendTimer(60));            // paused: 260s left
        t.Ok(Facilitator, new ResumeTimer());              // T0+1h+2s
        Assert.Equal(T0.AddHours(1).AddSeconds(2 + 260), t.State.Meta.Timer.EndsAt);
        Assert.Equal(360_000, t.State.Meta.Timer.DurationMs);

        // Time is up but nothing is blocked; extending an expired timer counts from now.
        t.Now = T0.AddHours(2);
        Assert.True(t.State.Meta.Timer.IsUp(t.Now));
        t.Ok(Alice, new AddNote("n1", NoteKind.Event, "still writing"));
        t.Ok(Facilitator, new ExtendTimer(120));
        Assert.Equal(t.Now.AddSeconds(120), t.State.Meta.Timer.EndsAt);
    }

    [Fact]
    public void MeetingMoreThanTwoDaysAfterTheIncidentIsLate()
    {
        var t = Started();
        Assert.False(t.Board.ViewFor(Alice).Derived.LateMeeting);

        t.Now = Incident.AddHours(49);
        var ready = t.Ok(Alice, new SetReady(true));

        Assert.True(Assert.Single(ready.Events.OfType<DerivedChanged>()).Derived.LateMeeting);
        Assert.True(t.Board.ViewFor(Alice).Derived.LateMeeting);
    }

    [Fact]
    public void BoardTakesAtMostItsParticipantLimit()
    {
        var t = Started();
        for (var i = t.State.Participants.Count; i < Limits.ParticipantsPerBoard; i++)
        {
            t.Ok("p" + i, new Join("Person " + i));
        }

        Assert.Equal(RejectionCodes.TooMany, t.Rejected("one-more", new Join("Late")));
        t.Ok(Alice, new Join("Alice again"));
    }

    [Fact]
    public void AParticipantAddsAtMostTheirNoteLimitWhileOthersAndTheFacilitatorCarryOn()
    {
        var t = Started();
        for (var i = 0; i < Limits.NotesPerParticipant; i++)
        {
            t.Ok(Alice, new AddNote("a" + i, NoteKind.Event, "note " + i));
        }

        var notes = t.State.Notes.Count;
        Assert.Equal(RejectionCodes.TooMany, t.Rejected(Alice, new AddNote("a-more", NoteKind.Signal, "one more")));
        Assert.Equal(notes, t.State.Notes.Count);
        t.Ok(Bob, new AddNote("b0", NoteKind.Event, "Bob's first"));
        t.Ok(Facilitator, new AddNote("f0", NoteKind.Event, "the facilitator is not held to it"));
        t.Ok(Alice, new EditNote("a0", "editing still works"));
    }

    [Fact]
    public void BoardTakesAtMostItsSignOffLimit()
    {
        var t = Started();
        for (var i = 0; i < Limits.SignOffsPerBoard; i++)
        {
            t.Ok("r" + i, new SignOffActions("Reader " + i));
        }

        Assert.Equal(RejectionCodes.TooMany, t.Rejected("late-reader", new SignOffActions("Late Reader")));
    }

    [Fact]
    public void RecentClientOpIdsAreRememberedPerActorUpToTheLimit()
    {
        var t = Started();
        for (var i = 0; i < Limits.RecentOpsPerActor + 10; i++)
        {
            t.Do(Alice, new SetReady(i % 2 == 0), "ready-" + i);
        }

        Assert.Equal(Limits.RecentOpsPerActor, t.State.RecentOps[Alice].Count);
        Assert.Equal(OutcomeStatus.Duplicate, t.Do(Alice, new SetReady(true), "ready-" + (Limits.RecentOpsPerActor + 9)).Outcome.Status);
        // Another actor may use the same id; a rejected op is not remembered, so its retry is evaluated again.
        Assert.True(t.Do(Bob, new SetReady(true), "ready-20").Outcome.IsAccepted);
        Assert.Equal(RejectionCodes.NotFacilitator, t.Do(Bob, new AdvancePhase(), "adv").Outcome.Code);
        Assert.Equal(RejectionCodes.NotFacilitator, t.Do(Bob, new AdvancePhase(), "adv").Outcome.Code);
    }

    [Fact]
    public void ReadersAreNotRememberedAndTheirSignOffStaysIdempotent()
    {
        var t = Started();
        t.Do(Reader, new SignOffActions("Dana"), "sign");

        var retry = t.Do(Reader, new SignOffActions("Dana"), "sign");

        Assert.True(retry.Outcome.IsAccepted);
        Assert.Empty(retry.Events);
        Assert.Single(t.State.SignOffs);
        Assert.False(t.State.RecentOps.ContainsKey(Reader));
    }
}
