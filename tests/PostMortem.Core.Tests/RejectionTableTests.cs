using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

/// <summary>Every rejection code the reducer produces, each with at least one case; each case also
/// checks that the board is unchanged but for the sequence number (TestBoard.Rejected).</summary>
public sealed class RejectionTableTests
{
    internal sealed record Case(string Name, string Actor, BoardCommand Command, string Code, Action<TestBoard>? Setup = null, Func<TestBoard>? Board = null);

    private sealed record Bogus : BoardCommand;

    private static readonly string LongText = new('x', Limits.NoteTextLength + 1);

    /// <summary>Facilitator, Alice and Bob; notes by Alice (event, signal, factor, action) and Bob (action);
    /// a chain with one step by Alice; Carol joined and was removed.</summary>
    internal static TestBoard Baseline(AgendaPreset preset = AgendaPreset.Ninety)
    {
        var t = Started(preset);
        t.Ok(Alice, new AddNote("ev1", NoteKind.Event, "API change deployed", Incident));
        t.Ok(Alice, new AddNote("sig1", NoteKind.Signal, "No alert fired", Incident.AddHours(13)));
        t.Ok(Alice, new AddNote("cf1", NoteKind.ContributingFactor, "Reconciliation job is not monitored"));
        t.Ok(Alice, new AddNote("act1", NoteKind.Action, "Contract tests between the two services"));
        t.Ok(Bob, new AddNote("act2", NoteKind.Action, "Schema-mismatch alerts on reconciliation"));
        t.Ok(Alice, new StartChain("ch1", "Customers received the wrong product"));
        t.Ok(Alice, new AddWhyStep("ch1", "s1", "Why?", "Reconciliation produced bad allocations"));
        t.Ok("carol", new Join("Carol"));
        t.Ok(Facilitator, new RemoveParticipant("carol"));
        return t;
    }

    private static void InActions(TestBoard t) => t.AdvanceTo(Phase.Actions);

    internal static readonly Case[] Cases =
    [
        // Creation
        new("board not created", Alice, new AddNote("n", NoteKind.Event, "x"), RejectionCodes.BoardNotCreated, Board: () => new TestBoard()),
        new("create twice", Facilitator, Create(), RejectionCodes.BoardAlreadyCreated),
        new("create with an unknown zone", Facilitator, Create() with { TimeZone = "Mars/Olympus" }, RejectionCodes.InvalidTimeZone, Board: () => new TestBoard()),
        new("create without a title", Facilitator, Create() with { Title = " " }, RejectionCodes.TextRequired, Board: () => new TestBoard()),
        new("create with severity 9", Facilitator, Create() with { Severity = 9 }, RejectionCodes.InvalidValue, Board: () => new TestBoard()),
        new("create with a custom agenda of 0 minutes", Facilitator, Create(AgendaPreset.Custom) with { CustomAgenda = [new(Phase.SetTheRoom, 0)] }, RejectionCodes.InvalidValue, Board: () => new TestBoard()),
        new("create with a custom agenda out of order", Facilitator, Create(AgendaPreset.Custom) with { CustomAgenda = [new(Phase.SetTheRoom, 5), new(Phase.Actions, 10), new(Phase.Timeline, 10)] }, RejectionCodes.InvalidValue, Board: () => new TestBoard()),
        new("create with a custom agenda but no slots", Facilitator, Create(AgendaPreset.Custom), RejectionCodes.InvalidValue, Board: () => new TestBoard()),

        // Board lock
        new("participant adds to a locked board", Alice, new AddNote("n", NoteKind.Event, "x"), RejectionCodes.BoardLocked, t => t.Ok(Facilitator, new LockBoard())),
        new("facilitator advances on a locked board", Facilitator, new AdvancePhase(), RejectionCodes.BoardLocked, t => t.Ok(Facilitator, new LockBoard())),
        new("join a locked board", "dave", new Join("Dave"), RejectionCodes.BoardLocked, t => t.Ok(Facilitator, new LockBoard())),

        // Phase locks
        new("participant adds an event to a locked timeline", Alice, new AddNote("n", NoteKind.Event, "x"), RejectionCodes.PhaseLocked, t => t.Ok(Facilitator, new LockPhase(Phase.Timeline))),
        new("participant marks a key moment on a locked timeline", Alice, new MarkKeyMoment("ev1", KeyMoment.Trigger), RejectionCodes.PhaseLocked, t => t.Ok(Facilitator, new LockPhase(Phase.Timeline))),
        new("participant adds a step to a locked root cause", Bob, new AddWhyStep("ch1", "s2", "Why?", "x"), RejectionCodes.PhaseLocked, t => t.Ok(Facilitator, new LockPhase(Phase.RootCause))),
        new("sixty-minute agenda: root cause lock covers contributing factors", Alice, new AddNote("n", NoteKind.ContributingFactor, "x"), RejectionCodes.PhaseLocked, t => t.Ok(Facilitator, new LockPhase(Phase.RootCause)), () => Baseline(AgendaPreset.Sixty)),
        new("participant edits an action on locked actions", Alice, new SetActionDetails("act1", DueDate: new DateOnly(2026, 3, 13)), RejectionCodes.PhaseLocked, t => t.Ok(Facilitator, new LockPhase(Phase.Actions))),
        new("participant votes on locked actions", Alice, new CastVote("act1"), RejectionCodes.PhaseLocked, t => { InActions(t); t.Ok(Facilitator, new LockPhase(Phase.Actions)); }),

        // Roles
        new("participant advances the phase", Alice, new AdvancePhase(), RejectionCodes.NotFacilitator),
        new("someone other than the creator reclaims the facilitator role", Alice, new ReclaimFacilitator(), RejectionCodes.NotFacilitator),
        new("participant reveals votes", Alice, new RevealVotes(), RejectionCodes.NotFacilitator),
        new("participant starts the timer", Bob, new StartTimer(), RejectionCodes.NotFacilitator),
        new("reader adds a note", Reader, new AddNote("n", NoteKind.Event, "x"), RejectionCodes.NotParticipant),
        new("reader votes", Reader, new CastVote("act1"), RejectionCodes.NotParticipant, InActions),
        new("reader locks a phase", Reader, new LockPhase(Phase.Timeline), RejectionCodes.NotParticipant),
        new("removed participant adds a note", "carol", new AddNote("n", NoteKind.Event, "x"), RejectionCodes.ParticipantRemoved),
        new("removed participant joins again", "carol", new Join("Carol"), RejectionCodes.ParticipantRemoved),
        new("removed participant signs off", "carol", new SignOffActions("Carol"), RejectionCodes.ParticipantRemoved),

        // Authorship and ownership
        new("participant edits someone else's note", Bob, new EditNote("ev1", "x"), RejectionCodes.NotAuthor),
        new("participant moves someone else's note", Bob, new MoveNote("ev1", Position: 3), RejectionCodes.NotAuthor),
        new("participant deletes someone else's note", Bob, new DeleteNote("ev1"), RejectionCodes.NotAuthor),
        new("participant edits someone else's chain", Bob, new EditChain("ch1", "x"), RejectionCodes.NotAuthor),
        new("participant removes someone else's chain", Bob, new RemoveChain("ch1"), RejectionCodes.NotAuthor),
        new("participant edits someone else's step", Bob, new EditWhyStep("ch1", "s1", "Why?", "x"), RejectionCodes.NotAuthor),
        new("participant marks the root cause on someone else's chain", Bob, new MarkRootCause("ch1", "s1"), RejectionCodes.NotAuthor),
        new("participant sets details of someone else's action", Bob, new SetActionDetails("act1", Owner: "Bob"), RejectionCodes.NotAuthor),
        new("non-owner acknowledges an action", Bob, new AcknowledgeAction("act1"), RejectionCodes.NotOwner, t => t.Ok(Alice, new SetActionDetails("act1", OwnerParticipantId: Alice, DueDate: new DateOnly(2026, 3, 13)))),
        new("non-owner updates an action's status", Bob, new UpdateActionStatus("act1", ActionStatus.Done), RejectionCodes.NotOwner, t => t.Ok(Alice, new SetActionDetails("act1", OwnerParticipantId: Alice))),

        // Participants
        new("hand over to an unknown participant", Facilitator, new HandOver("ghost"), RejectionCodes.ParticipantNotFound),
        new("hand over to a removed participant", Facilitator, new HandOver("carol"), RejectionCodes.ParticipantNotFound),
        new("remove an unknown participant", Facilitator, new RemoveParticipant("ghost"), RejectionCodes.ParticipantNotFound),
        new("owner participant who is not on the board", Alice, new SetActionDetails("act1", OwnerParticipantId: "ghost"), RejectionCodes.ParticipantNotFound),
        new("hand over to oneself", Facilitator, new HandOver(Facilitator), RejectionCodes.AlreadyFacilitator),
        new("facilitator removes themselves", Facilitator, new RemoveParticipant(Facilitator), RejectionCodes.InvalidValue),
        new("join without a name", "dave", new Join("  "), RejectionCodes.TextRequired),
        new("join with a name too long", "dave", new Join(new string('d', Limits.NameLength + 1)), RejectionCodes.TextTooLong),
        new("join with a role in the incident too long", "dave", new Join("Dave", new string('r', Limits.JobRoleLength + 1)), RejectionCodes.TextTooLong),
        new("set another participant's role in the incident", Facilitator, new SetJobRole("on-call engineer", Alice), RejectionCodes.NotYourself),
        new("set a role in the incident too long", Alice, new SetJobRole(new string('r', Limits.JobRoleLength + 1)), RejectionCodes.TextTooLong),
        new("reader sets a role in the incident", Reader, new SetJobRole("observer"), RejectionCodes.NotParticipant),

        // Not found
        new("edit a missing note", Alice, new EditNote("ghost", "x"), RejectionCodes.NoteNotFound),
        new("vote for a missing note", Alice, new CastVote("ghost"), RejectionCodes.NoteNotFound, InActions),
        new("mark a missing note", Alice, new MarkKeyMoment("ghost", KeyMoment.Trigger), RejectionCodes.NoteNotFound),
        new("tie-break with a missing note", Facilitator, new SetTieBreakOrder(["ghost"]), RejectionCodes.NoteNotFound),
        new("add a step to a missing chain", Alice, new AddWhyStep("ghost", "s9", "Why?", "x"), RejectionCodes.ChainNotFound),
        new("edit a missing step", Alice, new EditWhyStep("ch1", "ghost", "Why?", "x"), RejectionCodes.StepNotFound),
        new("mark a missing step as root cause", Alice, new MarkRootCause("ch1", "ghost"), RejectionCodes.StepNotFound),

        // Ids and texts
        new("note id taken", Bob, new AddNote("ev1", NoteKind.Event, "x"), RejectionCodes.IdTaken),
        new("chain id taken", Bob, new StartChain("ch1", "x"), RejectionCodes.IdTaken),
        new("step id taken", Bob, new AddWhyStep("ch1", "s1", "Why?", "x"), RejectionCodes.IdTaken),
        new("note id with a space", Alice, new AddNote("bad id", NoteKind.Event, "x"), RejectionCodes.InvalidId),
        new("empty note id", Alice, new AddNote("", NoteKind.Event, "x"), RejectionCodes.InvalidId),
        new("note id too long", Alice, new AddNote(new string('a', Limits.IdLength + 1), NoteKind.Event, "x"), RejectionCodes.InvalidId),
        new("chain id with a slash", Alice, new StartChain("a/b", "x"), RejectionCodes.InvalidId),
        new("import prefix with a dot", Facilitator, new ImportTimeline("2026-03-03 16:47 x", "a.b"), RejectionCodes.InvalidId),
        new("blank note", Alice, new AddNote("n", NoteKind.Event, "   "), RejectionCodes.TextRequired),
        new("blank step", Alice, new AddWhyStep("ch1", "s2", " ", ""), RejectionCodes.TextRequired),
        new("blank prime directive", Facilitator, new SetPrimeDirective(""), RejectionCodes.TextRequired),
        new("note too long", Alice, new AddNote("n", NoteKind.Event, LongText), RejectionCodes.TextTooLong),
        new("title too long", Facilitator, new UpdateDetails(new string('t', Limits.TitleLength + 1), Incident, IncidentType.Other, 3), RejectionCodes.TextTooLong),
        new("summary too long", Facilitator, new SetClose(new string('s', Limits.SummaryLength + 1), "", null), RejectionCodes.TextTooLong),
        new("owner name too long", Alice, new SetActionDetails("act1", Owner: new string('o', Limits.NameLength + 1)), RejectionCodes.TextTooLong),
        new("import too long", Facilitator, new ImportTimeline(new string('x', Limits.ImportTextLength + 1), "imp"), RejectionCodes.TextTooLong),
        new("import with too many lines", Facilitator, new ImportTimeline(string.Concat(Enumerable.Repeat("2026-03-03 16:47 x\n", Limits.ImportLines + 1)), "imp"), RejectionCodes.TooMany),
        new("too many chains", Alice, new StartChain("one-more", "x"), RejectionCodes.TooMany, t =>
        {
            for (var i = t.State.Chains.Count; i < Limits.ChainsPerBoard; i++)
            {
                t.Ok(Alice, new StartChain("c" + i, "symptom " + i));
            }
        }),
        new("too many steps", Alice, new AddWhyStep("ch1", "one-more", "Why?", "x"), RejectionCodes.TooMany, t =>
        {
            for (var i = 1; i < Limits.StepsPerChain; i++)
            {
                t.Ok(Alice, new AddWhyStep("ch1", "st" + i, "Why?", "because " + i));
            }
        }),

        // Values
        new("unknown time zone", Facilitator, new SetTimeZone("Mars/Olympus"), RejectionCodes.InvalidTimeZone),
        new("windows-style zone id", Facilitator, new SetTimeZone("W. Europe Standard Time"), RejectionCodes.InvalidTimeZone),
        new("anonymity of a phase that holds notes", Facilitator, new SetAnonymity([Phase.Timeline]), RejectionCodes.AnonymityFixed),
        new("anonymity of a phase already under way", Facilitator, new SetAnonymity([Phase.Timeline]), RejectionCodes.AnonymityFixed, Board: () => { var t = Started(); t.AdvanceTo(Phase.Timeline); return t; }),
        new("anonymity of the close phase", Facilitator, new SetAnonymity([Phase.Close]), RejectionCodes.InvalidValue, Board: () => Started()),
        new("vote limit zero", Facilitator, new SetVoteLimit(0), RejectionCodes.InvalidValue),
        new("timer of zero seconds", Facilitator, new StartTimer(0), RejectionCodes.InvalidValue),
        new("timer longer than allowed", Facilitator, new StartTimer(Limits.MaxTimerSeconds + 1), RejectionCodes.InvalidValue),
        new("extend by zero", Facilitator, new ExtendTimer(0), RejectionCodes.InvalidValue, t => t.Ok(Facilitator, new StartTimer(60))),
        new("time on an action note", Alice, new AddNote("n", NoteKind.Action, "x", Incident), RejectionCodes.InvalidValue),
        new("position not a number", Alice, new AddNote("n", NoteKind.Event, "x", Position: double.NaN), RejectionCodes.InvalidValue),
        new("tracker link not http", Alice, new SetActionDetails("act1", TrackerUrl: "ftp://tickets/1"), RejectionCodes.InvalidValue),
        new("tracker link relative", Alice, new SetActionDetails("act1", TrackerUrl: "/tickets/1"), RejectionCodes.InvalidValue),
        new("clear an unknown field", Alice, new SetActionDetails("act1", Clear: ["status"]), RejectionCodes.InvalidValue),
        new("tie-break order with a duplicate", Facilitator, new SetTieBreakOrder(["act1", "act1"]), RejectionCodes.InvalidValue),
        new("key moment on a note without time", Alice, new MarkKeyMoment("n0", KeyMoment.Trigger), RejectionCodes.InvalidValue, t => t.Ok(Alice, new AddNote("n0", NoteKind.Event, "x"))),
        new("unknown note kind", Alice, new AddNote("n", (NoteKind)42, "x"), RejectionCodes.InvalidValue),
        new("unknown phase to lock", Facilitator, new LockPhase((Phase)42), RejectionCodes.InvalidValue),
        new("empty clientOpId", Alice, new AddNote("n", NoteKind.Event, "x"), RejectionCodes.InvalidValue, t => t.NextClientOpId = ""),
        new("clientOpId too long", Alice, new AddNote("n", NoteKind.Event, "x"), RejectionCodes.InvalidValue, t => t.NextClientOpId = new string('o', Limits.ClientOpIdLength + 1)),

        // Votes
        new("vote outside the actions phase", Alice, new CastVote("act1"), RejectionCodes.WrongPhase),
        new("retract outside the actions phase", Alice, new RetractVote("act1"), RejectionCodes.WrongPhase),
        new("vote for an event", Alice, new CastVote("ev1"), RejectionCodes.WrongNoteKind, InActions),
        new("vote beyond the limit", Alice, new CastVote("act1"), RejectionCodes.NoVotesLeft, t =>
        {
            InActions(t);
            t.Ok(Alice, new CastVote("act1"));
            t.Ok(Alice, new CastVote("act1"));
            t.Ok(Alice, new CastVote("act2"));
        }),
        new("retract a vote never cast", Alice, new RetractVote("act2"), RejectionCodes.NoVoteToRetract, InActions),
        new("vote after the reveal", Alice, new CastVote("act1"), RejectionCodes.VotesAlreadyRevealed, t => { InActions(t); t.Ok(Facilitator, new RevealVotes()); }),
        new("reveal twice", Facilitator, new RevealVotes(), RejectionCodes.VotesAlreadyRevealed, t => t.Ok(Facilitator, new RevealVotes())),

        // Kinds
        new("move an action to the event lane", Alice, new MoveNote("act1", NoteKind.Event), RejectionCodes.WrongNoteKind),
        new("move an event to contributing factors", Alice, new MoveNote("ev1", NoteKind.ContributingFactor), RejectionCodes.WrongNoteKind),
        new("key moment on a contributing factor", Alice, new MarkKeyMoment("cf1", KeyMoment.Trigger), RejectionCodes.WrongNoteKind),
        new("choose an event as an action", Facilitator, new ChooseAction("ev1", true), RejectionCodes.WrongNoteKind),
        new("tie-break with an event", Facilitator, new SetTieBreakOrder(["ev1"]), RejectionCodes.WrongNoteKind),

        // Actions
        new("owner is a team", Alice, new SetActionDetails("act1", Owner: "the platform team"), RejectionCodes.OwnerNotAPerson),
        new("owner is everyone", Alice, new SetActionDetails("act1", Owner: "Everyone"), RejectionCodes.OwnerNotAPerson),
        new("owner is TBD", Alice, new SetActionDetails("act1", Owner: "TBD"), RejectionCodes.OwnerNotAPerson),
        new("owner is two people", Alice, new SetActionDetails("act1", Owner: "Alice and Bob"), RejectionCodes.OwnerNotAPerson),
        new("owner is a squad", Alice, new SetActionDetails("act1", Owner: "payments squad"), RejectionCodes.OwnerNotAPerson),
        new("acknowledge an action without a date", Alice, new AcknowledgeAction("act1"), RejectionCodes.ActionNotReady, t =>
        {
            t.Ok(Alice, new SetActionDetails("act1", OwnerParticipantId: Alice));
            t.Ok(Facilitator, new ChooseAction("act1", true));
        }),
        new("acknowledge an action not chosen", Alice, new AcknowledgeAction("act1"), RejectionCodes.ActionNotReady, t =>
            t.Ok(Alice, new SetActionDetails("act1", OwnerParticipantId: Alice, DueDate: new DateOnly(2026, 3, 13)))),

        // Timer and phases
        new("pause an idle timer", Facilitator, new PauseTimer(), RejectionCodes.TimerNotRunning),
        new("extend an idle timer", Facilitator, new ExtendTimer(60), RejectionCodes.TimerNotRunning),
        new("resume a running timer", Facilitator, new ResumeTimer(), RejectionCodes.TimerNotPaused, t => t.Ok(Facilitator, new StartTimer(60))),
        new("go back from the first phase", Facilitator, new GoBackPhase(), RejectionCodes.NoPhase),
        new("advance from the last phase", Facilitator, new AdvancePhase(), RejectionCodes.NoPhase, t => t.AdvanceTo(Phase.Close)),

        new("unknown command", Alice, new Bogus(), RejectionCodes.UnknownCommand),
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
    public void CommandIsRejectedWithItsCodeAndChangesNothing(string name)
    {
        var c = Array.Find(Cases, x => x.Name == name)!;
        var t = c.Board?.Invoke() ?? Baseline();
        c.Setup?.Invoke(t);

        Assert.Equal(c.Code, t.Rejected(c.Actor, c.Command));
    }

    [Fact]
    public void EveryReducerRejectionCodeHasACase()
    {
        string[] hostOnly =
        [
            RejectionCodes.RateLimited, RejectionCodes.MessageTooLarge, RejectionCodes.MalformedCommand,
            RejectionCodes.Unauthorized, RejectionCodes.WrongBoard, RejectionCodes.BoardNotFound,
            // Not the reducer's: Core's ReplayAvailability decides it (ReplayTests.TheReplayOpensOnlyOnceTheBoardIsLockedOrWasClosed).
            RejectionCodes.ReplayNotReady,
        ];
        var codes = typeof(RejectionCodes).GetFields().Select(f => (string)f.GetValue(null)!).Except(hostOnly);
        var covered = Cases.Select(c => c.Code).ToHashSet();

        var missing = codes.Where(code => !covered.Contains(code)).ToList();
        Assert.True(missing.Count == 0, "no case for: " + string.Join(", ", missing));
    }

    [Fact]
    public void CaseNamesAreUnique() =>
        Assert.Equal(Cases.Length, Cases.Select(c => c.Name).Distinct().Count());

    public static TheoryData<string> FacilitatorOnlyCommands()
    {
        var data = new TheoryData<string>();
        foreach (var name in FacilitatorOnly.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    private static readonly Dictionary<string, BoardCommand> FacilitatorOnly = new()
    {
        ["updateDetails"] = new UpdateDetails("t", Incident, IncidentType.Other, 3),
        ["setAgenda"] = new SetAgenda(AgendaPreset.Sixty),
        ["setTimeZone"] = new SetTimeZone("Europe/Berlin"),
        ["setPrimeDirective"] = new SetPrimeDirective("Be kind."),
        ["showPrimeDirective"] = new ShowPrimeDirective(true),
        ["importTimeline"] = new ImportTimeline("2026-03-03 16:47 x", "imp"),
        ["removeParticipant"] = new RemoveParticipant(Bob),
        ["handOver"] = new HandOver(Bob),
        ["advancePhase"] = new AdvancePhase(),
        ["goBackPhase"] = new GoBackPhase(),
        ["lockPhase"] = new LockPhase(Phase.Timeline),
        ["unlockPhase"] = new UnlockPhase(Phase.Timeline),
        ["lockBoard"] = new LockBoard(),
        ["unlockBoard"] = new UnlockBoard(),
        ["startTimer"] = new StartTimer(60),
        ["pauseTimer"] = new PauseTimer(),
        ["resumeTimer"] = new ResumeTimer(),
        ["extendTimer"] = new ExtendTimer(60),
        ["resetTimer"] = new ResetTimer(),
        ["setVoteLimit"] = new SetVoteLimit(5),
        ["revealVotes"] = new RevealVotes(),
        ["setTieBreakOrder"] = new SetTieBreakOrder(["act1"]),
        ["chooseAction"] = new ChooseAction("act1", true),
        ["setClose"] = new SetClose("s", "i", null),
    };

    [Theory]
    [MemberData(nameof(FacilitatorOnlyCommands))]
    public void FacilitatorOnlyCommandIsRefusedToParticipantsAndReaders(string type)
    {
        var t = Baseline();
        Assert.Equal(RejectionCodes.NotFacilitator, t.Rejected(Alice, FacilitatorOnly[type]));
        Assert.Equal(RejectionCodes.NotParticipant, t.Rejected(Reader, FacilitatorOnly[type]));
    }

    [Fact]
    public void FormerFacilitatorLosesTheControlsAfterHandOver()
    {
        var t = Baseline();
        t.Ok(Facilitator, new HandOver(Alice));

        Assert.Equal(RejectionCodes.NotFacilitator, t.Rejected(Facilitator, new AdvancePhase()));
        t.Ok(Alice, new AdvancePhase());
        Assert.Equal(Role.Participant, t.Board.RoleOf(Facilitator));
        Assert.Equal(Role.Facilitator, t.Board.RoleOf(Alice));
    }

    [Fact]
    public void CheckAnswersLikeTheReducerWithoutChangingTheBoard()
    {
        var t = Baseline();
        var hash = t.Board.StateHash();

        Assert.Equal(RejectionCodes.NotFacilitator, t.Board.Check(Alice, new AdvancePhase(), t.Now).Code);
        Assert.Equal(RejectionCodes.IdTaken, t.Board.Check(Bob, new AddNote("ev1", NoteKind.Event, "x"), t.Now).Code);
        Assert.True(t.Board.Check(Bob, new AddNote("new", NoteKind.Event, "x"), t.Now).IsAccepted);
        Assert.True(t.Board.Check(Facilitator, new ImportTimeline("2026-03-03 16:47 x\nnope", "imp"), t.Now) is { IsAccepted: true, ImportErrors.Count: 1 });
        Assert.Equal(hash, t.Board.StateHash());
    }
}
