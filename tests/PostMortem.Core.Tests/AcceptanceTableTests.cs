using System.Reflection;
using System.Text.Json.Serialization;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Tests.RejectionTableTests;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

/// <summary>Every command accepted by the role allowed to send it, with what it must have changed.</summary>
public sealed class AcceptanceTableTests
{
    internal sealed record Case(string Name, string Actor, BoardCommand Command, Action<TestBoard, ApplyResult> Then, Action<TestBoard>? Setup = null, Func<TestBoard>? Board = null);

    private static readonly DateOnly Friday = new(2026, 3, 13);

    internal static readonly Case[] Cases =
    [
        new("facilitator creates the board", Facilitator, Create(AgendaPreset.Sixty, "Europe/Berlin") with { Secrets = new BoardSecrets { JoinCodeHash = "j", FacilitatorSecretHash = "f", ReadKeyHash = "r" } },
            (t, r) =>
            {
                Assert.Equal(5, t.State.Meta.Agenda.Count);
                Assert.DoesNotContain(t.State.Meta.Agenda, s => s.Phase == Phase.ContributingFactors);
                Assert.Equal("Europe/Berlin", t.State.Meta.TimeZone);
                Assert.Equal("f", t.State.Secrets.FacilitatorSecretHash);
                Assert.Equal(t.Now, t.State.Meta.CreatedAt);
            }, Board: () => new TestBoard()),
        new("facilitator creates with a custom agenda", Facilitator, Create(AgendaPreset.Custom) with { CustomAgenda = [new(Phase.SetTheRoom, 3), new(Phase.Timeline, 30), new(Phase.Close, 10)] },
            (t, r) => Assert.Equal([Phase.SetTheRoom, Phase.Timeline, Phase.Close], t.State.Meta.Agenda.Select(s => s.Phase)), Board: () => new TestBoard()),
        new("facilitator updates details", Facilitator, new UpdateDetails("Reconciliation outage", Incident.AddHours(-1), IncidentType.Deployment, 1),
            (t, r) => Assert.Equal(("Reconciliation outage", IncidentType.Deployment, 1), (t.State.Meta.Title, t.State.Meta.IncidentType, t.State.Meta.Severity))),
        new("facilitator switches to the sixty-minute agenda while in contributing factors", Facilitator, new SetAgenda(AgendaPreset.Sixty),
            (t, r) => Assert.Equal(Phase.RootCause, t.State.Meta.Phase), t => t.AdvanceTo(Phase.ContributingFactors)),
        new("facilitator sets the time zone", Facilitator, new SetTimeZone("America/New_York"), (t, r) => Assert.Equal("America/New_York", t.State.Meta.TimeZone)),
        new("facilitator sets the prime directive", Facilitator, new SetPrimeDirective("  We look at the system.  "), (t, r) => Assert.Equal("We look at the system.", t.State.Meta.PrimeDirective)),
        new("facilitator shows the prime directive", Facilitator, new ShowPrimeDirective(true), (t, r) => Assert.True(t.State.Meta.PrimeDirectiveShown)),
        new("facilitator imports the draft timeline", Facilitator, new ImportTimeline("2026-03-03 16:47 API change deployed\n2026-03-04 05:30 [signal] no alert fired", "pre"),
            (t, r) => Assert.Equal(NoteKind.Signal, t.State.Notes["pre-2"].Kind)),
        new("newcomer joins", "dave", new Join(" Dave "), (t, r) => Assert.Equal(("Dave", Role.Participant), (t.State.Participants["dave"].Name, t.Board.RoleOf("dave")))),
        new("participant who left joins again under a new name", Bob, new Join("Robert"),
            (t, r) => Assert.Equal(("Robert", false), (t.State.Participants[Bob].Name, t.State.Participants[Bob].Left)), t => t.Ok(Bob, new Leave())),
        new("participant renames", Alice, new Rename("Alice K."), (t, r) => Assert.Equal("Alice K.", t.State.Participants[Alice].Name)),
        new("participant leaves", Alice, new Leave(), (t, r) => Assert.True(t.State.Participants[Alice].Left)),
        new("facilitator removes a participant and their hidden votes", Facilitator, new RemoveParticipant(Bob),
            (t, r) =>
            {
                Assert.True(t.State.Participants[Bob].Removed);
                Assert.False(t.State.Votes.ContainsKey(Bob));
                Assert.Equal(Role.Reader, t.Board.RoleOf(Bob));
                Assert.False(t.Board.IsActiveParticipant(Bob));
            }, t => { t.AdvanceTo(Phase.Actions); t.Ok(Bob, new CastVote("act1")); }),
        new("facilitator hands over", Facilitator, new HandOver(Alice),
            (t, r) => Assert.Equal((Alice, Role.Facilitator, Role.Participant), (t.State.Meta.FacilitatorId, t.State.Participants[Alice].Role, t.State.Participants[Facilitator].Role))),
        new("creator takes the role back in one entry after a hand-over and leaving", Facilitator, new ReclaimFacilitator(),
            (t, r) =>
            {
                Assert.Equal((Facilitator, Role.Facilitator, Role.Participant, false), (t.State.Meta.FacilitatorId, t.State.Participants[Facilitator].Role, t.State.Participants[Alice].Role, t.State.Participants[Facilitator].Left));
                Assert.Equal(2, r.Events.OfType<ParticipantChanged>().Count());
            }, t => { t.Ok(Facilitator, new HandOver(Alice)); t.Ok(Facilitator, new Leave()); }),
        new("participant agrees to the prime directive", Alice, new AgreePrimeDirective(true), (t, r) => Assert.True(t.State.Participants[Alice].AgreedPrimeDirective)),
        new("participant is ready", Alice, new SetReady(true), (t, r) => Assert.True(t.State.Participants[Alice].Ready)),
        new("advancing clears ready marks and the timer", Facilitator, new AdvancePhase(),
            (t, r) =>
            {
                Assert.Equal(Phase.Timeline, t.State.Meta.Phase);
                Assert.False(t.State.Participants[Alice].Ready);
                Assert.Equal(TimerStatus.Idle, t.State.Meta.Timer.Status);
                Assert.Contains(r.Events, e => e is ParticipantChanged { Participant.Id: Alice });
            }, t => { t.Ok(Alice, new SetReady(true)); t.Ok(Facilitator, new StartTimer()); }),
        new("sixty-minute agenda skips contributing factors", Facilitator, new AdvancePhase(),
            (t, r) => Assert.Equal(Phase.Actions, t.State.Meta.Phase), t => t.AdvanceTo(Phase.RootCause), () => Baseline(AgendaPreset.Sixty)),
        new("facilitator goes back", Facilitator, new GoBackPhase(), (t, r) => Assert.Equal(Phase.Timeline, t.State.Meta.Phase), t => t.AdvanceTo(Phase.RootCause)),
        new("facilitator locks a phase", Facilitator, new LockPhase(Phase.Timeline), (t, r) => Assert.Equal([Phase.Timeline], t.State.Meta.LockedPhases)),
        new("facilitator unlocks a phase", Facilitator, new UnlockPhase(Phase.Timeline), (t, r) => Assert.Empty(t.State.Meta.LockedPhases), t => t.Ok(Facilitator, new LockPhase(Phase.Timeline))),
        new("facilitator locks the board", Facilitator, new LockBoard(), (t, r) => Assert.Equal((true, (DateTimeOffset?)t.Now), (t.State.Meta.BoardLocked, t.State.Meta.ClosedAt))),
        new("facilitator unlocks the board", Facilitator, new UnlockBoard(), (t, r) => Assert.False(t.State.Meta.BoardLocked), t => t.Ok(Facilitator, new LockBoard())),
        new("facilitator starts the phase timer from the agenda", Facilitator, new StartTimer(),
            (t, r) => Assert.Equal((TimerStatus.Running, (DateTimeOffset?)t.Now.AddMinutes(20)), (t.State.Meta.Timer.Status, t.State.Meta.Timer.EndsAt)), t => t.AdvanceTo(Phase.Timeline)),
        new("facilitator pauses the timer", Facilitator, new PauseTimer(),
            (t, r) => Assert.Equal((TimerStatus.Paused, 59_000L), (t.State.Meta.Timer.Status, t.State.Meta.Timer.RemainingMs)), t => t.Ok(Facilitator, new StartTimer(60))),
        new("facilitator resumes the timer", Facilitator, new ResumeTimer(),
            (t, r) => Assert.Equal(t.Now.AddSeconds(59), t.State.Meta.Timer.EndsAt), t => { t.Ok(Facilitator, new StartTimer(60)); t.Ok(Facilitator, new PauseTimer()); }),
        new("facilitator extends the timer", Facilitator, new ExtendTimer(120),
            (t, r) => Assert.Equal(t.Now.AddSeconds(59 + 120), t.State.Meta.Timer.EndsAt), t => t.Ok(Facilitator, new StartTimer(60))),
        new("facilitator resets the timer", Facilitator, new ResetTimer(), (t, r) => Assert.Equal(TimerStatus.Idle, t.State.Meta.Timer.Status), t => t.Ok(Facilitator, new StartTimer(60))),
        new("participant adds a note", Bob, new AddNote("n1", NoteKind.ParkingLot, "  Why was the job unmonitored?  "),
            (t, r) => Assert.Equal(("Why was the job unmonitored?", Bob), (t.State.Notes["n1"].Text, t.State.Notes["n1"].AuthorId))),
        new("participant adds an action note with details", Bob, new AddNote("n1", NoteKind.Action, "Cross-squad change notice"),
            (t, r) => Assert.NotNull(t.State.Notes["n1"].Action)),
        new("participant edits their note", Alice, new EditNote("ev1", "API change for pause deployed"), (t, r) => Assert.Equal("API change for pause deployed", t.State.Notes["ev1"].Text)),
        new("facilitator edits anyone's note", Facilitator, new EditNote("ev1", "API change for pause deployed"), (t, r) => Assert.Equal("API change for pause deployed", t.State.Notes["ev1"].Text)),
        new("participant moves their note to the signal lane", Alice, new MoveNote("ev1", NoteKind.Signal, Incident.AddMinutes(1), 4.5),
            (t, r) => Assert.Equal((NoteKind.Signal, (DateTimeOffset?)Incident.AddMinutes(1), 4.5), (t.State.Notes["ev1"].Kind, t.State.Notes["ev1"].OccurredAt, t.State.Notes["ev1"].Position))),
        new("participant deletes their voted action: votes go back", Bob, new DeleteNote("act2"),
            (t, r) =>
            {
                Assert.False(t.State.Notes.ContainsKey("act2"));
                Assert.Equal(["act1"], t.State.Votes[Alice]);
                Assert.Contains(r.Events, e => e is MyVotesChanged { VisibleTo: Alice });
            }, t => { t.AdvanceTo(Phase.Actions); t.Ok(Alice, new CastVote("act2")); t.Ok(Alice, new CastVote("act1")); }),
        new("marking a key moment moves it", Bob, new MarkKeyMoment("sig1", KeyMoment.Trigger),
            (t, r) => Assert.Equal(((KeyMoment?)null, (KeyMoment?)KeyMoment.Trigger), (t.State.Notes["ev1"].KeyMoment, t.State.Notes["sig1"].KeyMoment)),
            t => t.Ok(Alice, new MarkKeyMoment("ev1", KeyMoment.Trigger))),
        new("participant starts a chain", Bob, new StartChain("ch2", "Allergic customers got produce"), (t, r) => Assert.Equal(Bob, t.State.Chains["ch2"].AuthorId)),
        new("participant edits their chain", Alice, new EditChain("ch1", "Customers got produce they are allergic to"), (t, r) => Assert.StartsWith("Customers got", t.State.Chains["ch1"].Symptom, StringComparison.Ordinal)),
        new("participant removes their chain", Alice, new RemoveChain("ch1"), (t, r) => Assert.Empty(t.State.Chains)),
        new("anyone adds a step to a chain", Bob, new AddWhyStep("ch1", "s2", "Why?", "The upstream API format changed"),
            (t, r) => Assert.Equal((2, Bob), (t.State.Chains["ch1"].Steps.Count, t.State.Chains["ch1"].Steps[1].AuthorId))),
        new("step author edits their step in someone else's chain", Bob, new EditWhyStep("ch1", "s2", "Why?", "The API response shape changed"),
            (t, r) => Assert.Equal("The API response shape changed", t.State.Chains["ch1"].Steps[1].Answer), t => t.Ok(Bob, new AddWhyStep("ch1", "s2", "Why?", "x"))),
        new("chain author removes a step and its root-cause mark", Alice, new RemoveWhyStep("ch1", "s1"),
            (t, r) => Assert.Equal((0, (string?)null), (t.State.Chains["ch1"].Steps.Count, t.State.Chains["ch1"].RootCauseStepId)), t => t.Ok(Alice, new MarkRootCause("ch1", "s1"))),
        new("chain author marks the root cause", Alice, new MarkRootCause("ch1", "s1"), (t, r) => Assert.Equal("s1", t.State.Chains["ch1"].RootCauseStepId)),
        new("participant votes", Alice, new CastVote("act1"), (t, r) => Assert.Equal(["act1", "act1"], t.State.Votes[Alice]), t => { t.AdvanceTo(Phase.Actions); t.Ok(Alice, new CastVote("act1")); }),
        new("participant retracts a vote", Alice, new RetractVote("act1"), (t, r) => Assert.False(t.State.Votes.ContainsKey(Alice)), t => { t.AdvanceTo(Phase.Actions); t.Ok(Alice, new CastVote("act1")); }),
        new("facilitator sets the vote limit", Facilitator, new SetVoteLimit(5), (t, r) => Assert.Equal(5, t.State.Meta.VotesPerParticipant)),
        new("facilitator reveals votes", Facilitator, new RevealVotes(), (t, r) => Assert.True(t.State.Meta.VotesRevealed)),
        new("facilitator breaks ties", Facilitator, new SetTieBreakOrder(["act2", "act1"]),
            (t, r) => Assert.Equal(["act2", "act1"], t.Board.ViewFor(Alice).Derived.Ranking), t => t.Ok(Facilitator, new RevealVotes())),
        new("facilitator chooses an action", Facilitator, new ChooseAction("act1", true), (t, r) => Assert.True(t.State.Notes["act1"].Action!.Chosen)),
        new("author sets owner and due date", Alice, new SetActionDetails("act1", OwnerParticipantId: Bob, DueDate: Friday, ActionKind: ActionKind.LongTerm, TrackerUrl: "https://tracker.example/T-1"),
            (t, r) =>
            {
                var a = t.State.Notes["act1"].Action!;
                Assert.Equal(("Bob", Bob, (DateOnly?)Friday, ActionKind.LongTerm, "https://tracker.example/T-1"), (a.Owner, a.OwnerParticipantId, a.DueDate, a.ActionKind, a.TrackerUrl));
            }),
        new("owner acknowledges", Bob, new AcknowledgeAction("act1"), (t, r) => Assert.Equal(t.Now, t.State.Notes["act1"].Action!.AcknowledgedAt), t =>
        {
            t.Ok(Alice, new SetActionDetails("act1", OwnerParticipantId: Bob, DueDate: Friday));
            t.Ok(Facilitator, new ChooseAction("act1", true));
        }),
        new("owner updates the status on the locked board", Bob, new UpdateActionStatus("act1", ActionStatus.Done), (t, r) => Assert.Equal(ActionStatus.Done, t.State.Notes["act1"].Action!.Status), t =>
        {
            t.Ok(Alice, new SetActionDetails("act1", OwnerParticipantId: Bob, DueDate: Friday));
            t.Ok(Facilitator, new LockBoard());
        }),
        new("facilitator sets the close", Facilitator, new SetClose("Summary.", "Three customers.", Friday), (t, r) => Assert.Equal((DateOnly?)Friday, t.State.Meta.FollowUpDate)),
        new("reader signs off on the locked board", Reader, new SignOffActions("Dana"),
            (t, r) => Assert.Equal(("Dana", Reader), (t.State.SignOffs[0].Name, t.State.SignOffs[0].ActorId)), t => t.Ok(Facilitator, new LockBoard())),
        new("the same name signs once", Reader, new SignOffActions("DANA"), (t, r) => { Assert.Single(t.State.SignOffs); Assert.Empty(r.Events); }, t => t.Ok("reader-2", new SignOffActions("Dana"))),
        new("facilitator makes the whole board anonymous before it starts", Facilitator, new SetAnonymity([Phase.Actions, Phase.Timeline, Phase.RootCause, Phase.ContributingFactors]),
            (t, r) => Assert.Equal([Phase.Timeline, Phase.RootCause, Phase.ContributingFactors, Phase.Actions], t.State.Meta.AnonymousPhases), Board: () => Started()),
    ];

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void CommandIsAcceptedAndDoesWhatItSays(string name)
    {
        var c = Array.Find(Cases, x => x.Name == name)!;
        var t = c.Board?.Invoke() ?? Baseline();
        c.Setup?.Invoke(t);
        var seq = t.Board.Seq;

        var r = t.Ok(c.Actor, c.Command);

        Assert.Equal(seq + 1, t.Board.Seq);
        Assert.Equal(t.Now, t.State.Meta.UpdatedAt);
        c.Then(t, r);
    }

    [Fact]
    public void EveryCommandTypeHasAnAcceptanceCase()
    {
        var all = typeof(BoardCommand).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType);
        var covered = Cases.Select(c => c.Command.GetType()).ToHashSet();

        var missing = all.Where(type => !covered.Contains(type)).Select(type => type.Name).ToList();
        Assert.True(missing.Count == 0, "no acceptance case for: " + string.Join(", ", missing));
    }

    [Fact]
    public void ChoosingAFourthActionIsAcceptedWithAWarning()
    {
        var t = Baseline();
        t.Ok(Bob, new AddNote("act3", NoteKind.Action, "Runbook for reconciliation"));
        t.Ok(Bob, new AddNote("act4", NoteKind.Action, "Freeze window"));
        foreach (var id in (string[])["act1", "act2", "act3"])
        {
            Assert.Null(t.Ok(Facilitator, new ChooseAction(id, true)).Outcome.Warnings);
        }

        var fourth = t.Ok(Facilitator, new ChooseAction("act4", true));

        Assert.Equal(["too_many_actions"], fourth.Outcome.Warnings);
        var derived = t.Board.ViewFor(Facilitator).Derived;
        Assert.True(derived.TooManyActions);
        Assert.Equal(4, derived.ChosenActions);
        Assert.Equal(["act1", "act2", "act3", "act4"], derived.NotReadyActions);
    }

    [Fact]
    public void ChangingTheDueDateAsksTheOwnerAgain()
    {
        var t = Baseline();
        t.Ok(Alice, new SetActionDetails("act1", OwnerParticipantId: Bob, DueDate: Friday));
        t.Ok(Facilitator, new ChooseAction("act1", true));
        t.Ok(Bob, new AcknowledgeAction("act1"));

        t.Ok(Alice, new SetActionDetails("act1", DueDate: Friday.AddDays(7)));

        Assert.Null(t.State.Notes["act1"].Action!.AcknowledgedAt);
    }

    [Fact]
    public void ClearingTheOwnerMakesAChosenActionNotReady()
    {
        var t = Baseline();
        t.Ok(Alice, new SetActionDetails("act1", Owner: "Priya", DueDate: Friday));
        t.Ok(Facilitator, new ChooseAction("act1", true));
        Assert.Empty(t.Board.ViewFor(Alice).Derived.NotReadyActions);

        t.Ok(Alice, new SetActionDetails("act1", Clear: ["owner"]));

        Assert.Null(t.State.Notes["act1"].Action!.Owner);
        Assert.Equal(["act1"], t.Board.ViewFor(Alice).Derived.NotReadyActions);
    }

    [Fact]
    public void RankingOrdersByVotesThenFacilitatorThenCreation()
    {
        var t = Baseline();
        t.Ok(Bob, new AddNote("act3", NoteKind.Action, "Runbook"));
        t.AdvanceTo(Phase.Actions);
        t.Ok(Alice, new CastVote("act3"));
        t.Ok(Bob, new CastVote("act3"));
        t.Ok(Alice, new CastVote("act1"));
        t.Ok(Bob, new CastVote("act2"));
        t.Ok(Facilitator, new RevealVotes());
        Assert.Equal(["act3", "act1", "act2"], t.Board.ViewFor(Bob).Derived.Ranking);

        var r = t.Ok(Facilitator, new SetTieBreakOrder(["act2"]));

        var derived = Assert.Single(r.Events.OfType<DerivedChanged>()).Derived;
        Assert.Equal(["act3", "act2", "act1"], derived.Ranking);
        Assert.Equal(new Dictionary<string, int> { ["act1"] = 1, ["act2"] = 1, ["act3"] = 2 }, t.Board.ViewFor(Reader).Tallies);
    }

    [Fact]
    public void ParticipantMayAddContentOfAnyKindInAnyUnlockedPhase()
    {
        var t = Baseline();
        t.AdvanceTo(Phase.Actions);

        t.Ok(Alice, new AddNote("late-event", NoteKind.Event, "Fix deployed", Incident.AddHours(18)));
        t.Ok(Alice, new AddWhyStep("ch1", "s2", "Why?", "The upstream API format changed"));
    }

    [Fact]
    public void EventsNeverCarrySecrets()
    {
        var t = new TestBoard();
        var r = t.Ok(Facilitator, Create() with { Secrets = new BoardSecrets { JoinCodeHash = "join-hash-123", FacilitatorSecretHash = "fac-hash-456", ReadKeyHash = "read-hash-789" } });

        var json = System.Text.Json.JsonSerializer.Serialize(r.Events, CoreJson.Context.IReadOnlyListBoardEvent)
            + System.Text.Json.JsonSerializer.Serialize(t.Board.ViewFor(Facilitator), CoreJson.Context.BoardView);
        Assert.DoesNotContain("hash-", json, StringComparison.Ordinal);
        Assert.Contains("fac-hash-456", t.Board.ToSnapshot().StateJson, StringComparison.Ordinal);
    }
}
