using System.Text.Json;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;

namespace PostMortem.Core.Tests;

/// <summary>
/// Invariant 1: replicas that applied the same entries have the same state hash, whether they replayed
/// the whole log or started from a snapshot; they also emit the same outcomes and events.
/// </summary>
public sealed class ConvergenceTests
{
    private const int Entries = 1500;
    private const int HashEvery = 25;

    public static TheoryData<int> Seeds() => [1, 7, 42, 1234, 99_991];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomSessionsConvergeAcrossReplicasAndSnapshots(int seed)
    {
        var log = new RandomSession(seed).Generate(Entries);
        var a = Board.Empty("board-" + seed);
        var b = Board.Empty("board-" + seed);
        BoardSnapshot? midway = null;
        var accepted = 0;

        for (var i = 0; i < log.Count; i++)
        {
            var hashBefore = (i % 7 == 0) ? a.StateHash() : null;
            var ra = a.Apply(log[i]);
            var rb = b.Apply(log[i]);

            Assert.Equal(ra.Outcome, rb.Outcome, OutcomeComparer.Instance);
            Assert.Equal(Describe(ra.Events), Describe(rb.Events));
            if (ra.Outcome.IsAccepted)
            {
                accepted++;
            }
            else if (hashBefore is not null)
            {
                // A rejected or duplicate entry moves the sequence number and nothing else.
                a.State.Meta.Seq--;
                Assert.Equal(hashBefore, a.StateHash());
                a.State.Meta.Seq++;
                Assert.Empty(ra.Events);
            }

            if ((i + 1) % HashEvery == 0)
            {
                Assert.Equal(a.StateHash(), b.StateHash());
                // Replica B restarts from its own snapshot now and then: its caches start empty.
                if ((i + 1) % (HashEvery * 8) == 0)
                {
                    var snapshot = b.ToSnapshot();
                    Assert.Equal(snapshot.StateJson, CoreJson.SerializeState(CoreJson.DeserializeState(snapshot.StateJson)));
                    b = Board.FromSnapshot(snapshot);
                    Assert.Equal(snapshot.StateHash, b.StateHash());
                }
            }

            if (i == log.Count / 2)
            {
                midway = a.ToSnapshot();
            }
        }

        var c = Board.FromSnapshot(midway!);
        foreach (var entry in log.Skip((int)midway!.Seq))
        {
            c.Apply(entry);
        }

        Assert.Equal(a.StateHash(), c.StateHash());
        Assert.Equal(a.StateHash(), b.StateHash());
        // The generator must exercise the board, not just bounce off validation.
        Assert.InRange(accepted, Entries / 4, Entries);
        Assert.True(a.State.Notes.Count > 3 && a.State.Participants.Count > 3, "the session built too little to be a useful test");
    }

    [Fact]
    public void ViewsAreTheSameOnEveryReplica()
    {
        var log = new RandomSession(5).Generate(600);
        var a = Board.Empty("b");
        foreach (var e in log.Take(300))
        {
            a.Apply(e);
        }

        var b = Board.FromSnapshot(a.ToSnapshot());
        foreach (var e in log.Skip(300))
        {
            a.Apply(e);
            b.Apply(e);
        }

        foreach (var viewer in RandomSession.Actors)
        {
            Assert.Equal(
                JsonSerializer.Serialize(a.ViewFor(viewer), CoreJson.Context.BoardView),
                JsonSerializer.Serialize(b.ViewFor(viewer), CoreJson.Context.BoardView));
        }
    }

    private static string Describe(IReadOnlyList<BoardEvent> events) =>
        string.Join("\n", events.Select(e => (e.VisibleTo ?? "*") + " " + JsonSerializer.Serialize(e, CoreJson.Context.BoardEvent)));

    private sealed class OutcomeComparer : IEqualityComparer<Outcome>
    {
        public static readonly OutcomeComparer Instance = new();

        public bool Equals(Outcome? x, Outcome? y) =>
            JsonSerializer.Serialize(x!, CoreJson.Context.Outcome) == JsonSerializer.Serialize(y!, CoreJson.Context.Outcome);

        public int GetHashCode(Outcome obj) => 0;
    }
}

/// <summary>A long, messy meeting: several actors, valid and invalid commands, clock jumps.</summary>
internal sealed class RandomSession(int seed)
{
    public static readonly string[] Actors = ["fac", "p1", "p2", "p3", "p4", "reader", "ghost"];

    private readonly Random _rng = new(seed);
    private DateTimeOffset _now = new(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);
    private int _op;

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private bool Chance(double p) => _rng.NextDouble() < p;

    private string NoteId() => Chance(0.03) ? "bad id!" : "n" + _rng.Next(30);

    private List<string> _actionIds = [];

    private string ActionId() => _actionIds.Count > 0 && Chance(0.8) ? Pick(_actionIds) : NoteId();

    private string ChainId() => "c" + _rng.Next(6);

    private string StepId() => "s" + _rng.Next(25);

    private string Text()
    {
        if (Chance(0.03))
        {
            return Chance(0.5) ? "   " : new string('x', Limits.NoteTextLength + 1);
        }

        string[] texts =
        [
            "API change deployed", "p1 forgot to run the tests", "no alert fired", "the deploy went out untested",
            "you should have checked the logs", "because the developer didn't check", "missing contract test",
            "reconciliation job ran", "human error", "no mechanism for one squad to know what another is changing",
        ];
        return Pick(texts) + (Chance(0.5) ? " " + _rng.Next(1000) : "");
    }

    private DateTimeOffset Time() => new DateTimeOffset(2026, 3, 3, 12, 0, 0, TimeSpan.Zero).AddMinutes(_rng.Next(0, 48 * 60));

    /// <summary>The generator watches a board of its own so the "facilitator" keeps being whoever holds
    /// the role, and a locked board is usually unlocked: otherwise most of a session bounces off.</summary>
    public List<LogEntry> Generate(int count)
    {
        var shadow = Board.Empty("shadow");
        var log = new List<LogEntry>(count);
        for (var seq = 1; seq <= count; seq++)
        {
            _now = Chance(0.01) ? _now.AddDays(1) : _now.AddMilliseconds(_rng.Next(1, 120_000));
            string actor;
            BoardCommand command;
            if (seq == 1)
            {
                (actor, command) = ("fac", new CreateBoard("Random board", new DateTimeOffset(2026, 3, 3, 16, 47, 0, TimeSpan.Zero), IncidentType.Deployment, 2, "Fran", Chance(0.5) ? AgendaPreset.Sixty : AgendaPreset.Ninety));
            }
            else if (seq < 6)
            {
                (actor, command) = ("p" + (seq - 1), new Join("Person " + (seq - 1)));
            }
            else
            {
                var facilitator = shadow.State.Meta.FacilitatorId;
                _actionIds = [.. shadow.State.Notes.Values.Where(n => n.Kind == NoteKind.Action).Select(n => n.Id).Order(StringComparer.Ordinal)];
                actor = Chance(0.35) ? facilitator : Pick(Actors);
                command = shadow.State.Meta.BoardLocked && Chance(0.5) ? new UnlockBoard() : Command(seq > count * 3 / 4, shadow.State.Meta.Phase, (Phase)Math.Min(5, seq * 7 / count));
                if (command is UnlockBoard)
                {
                    actor = facilitator;
                }
            }

            // Retries: now and then an actor resends a recent clientOpId.
            var opId = Chance(0.03) && _op > 3 ? "op-" + (_op - _rng.Next(3)) : "op-" + ++_op;
            var entry = new LogEntry(seq, _now, actor, opId, command);
            shadow.Apply(entry);
            log.Add(entry);
        }

        return log;
    }

    /// <param name="target">The meeting drifts through the phases over the session.</param>
    private BoardCommand Command(bool late, Phase phase, Phase target)
    {
        if (phase == Phase.Actions && Chance(0.3))
        {
            return Chance(0.8) ? new CastVote(ActionId()) : new RetractVote(ActionId());
        }

        var kind = Pick((NoteKind[])[NoteKind.Event, NoteKind.Signal, NoteKind.ParkingLot, NoteKind.ContributingFactor, NoteKind.Action, NoteKind.Action]);
        return _rng.Next(52) switch
        {
            0 => new UpdateDetails("Renamed " + _rng.Next(9), Time(), IncidentType.Integration, _rng.Next(0, 7)),
            1 => new SetAgenda(Pick((AgendaPreset[])[AgendaPreset.Sixty, AgendaPreset.Ninety])),
            2 => new SetTimeZone(Pick((string[])["Europe/Berlin", "UTC", "America/New_York", "Nowhere/City"])),
            3 => new SetPrimeDirective(Text()),
            4 => new ShowPrimeDirective(Chance(0.5)),
            5 => new ImportTimeline("2026-03-03 16:47 API change deployed\nnot a line\n2026-03-04 05:30 signal: no alert", "imp" + _rng.Next(4)),
            6 => Chance(0.5)
                ? new Join("Person " + _rng.Next(9), Chance(0.5) ? Pick((string[])["on-call engineer", "SRE", ""]) : null)
                : new SetJobRole(Pick((string[])["on-call engineer", "product manager", " ", new string('r', Limits.JobRoleLength + 1)]), Chance(0.2) ? Pick(Actors) : null),
            7 => new Rename("Name " + _rng.Next(9)),
            8 => new Leave(),
            9 => Chance(0.3) ? new RemoveParticipant(Pick(Actors)) : new CastVote(ActionId()),
            10 => new HandOver(Pick(Actors)),
            11 => new AgreePrimeDirective(Chance(0.5)),
            12 => new SetReady(Chance(0.7)),
            13 or 14 => phase < target ? new AdvancePhase() : phase > target ? new GoBackPhase() : new CastVote(ActionId()),
            15 => Chance(0.1) ? new GoBackPhase() : new CastVote(ActionId()),
            16 => new LockPhase((Phase)_rng.Next(6)),
            17 => new UnlockPhase((Phase)_rng.Next(6)),
            18 => Chance(0.2) ? new LockBoard() : new UnlockBoard(),
            19 => new StartTimer(Chance(0.5) ? null : _rng.Next(-5, 600)),
            20 => new PauseTimer(),
            21 => new ResumeTimer(),
            22 => new ExtendTimer(_rng.Next(-1, 300)),
            23 => new ResetTimer(),
            24 or 25 or 26 or 27 => new AddNote(NoteId(), kind, Text(), kind is NoteKind.Event or NoteKind.Signal && Chance(0.8) ? Time() : null, _rng.Next(100)),
            28 or 29 => new EditNote(NoteId(), Text()),
            30 => new MoveNote(NoteId(), Chance(0.5) ? Pick((NoteKind[])[NoteKind.Event, NoteKind.Signal, NoteKind.Action]) : null, Chance(0.5) ? Time() : null, Chance(0.5) ? _rng.Next(100) : null),
            31 => new DeleteNote(NoteId()),
            32 or 33 => new MarkKeyMoment(NoteId(), Chance(0.9) ? (KeyMoment)_rng.Next(5) : null),
            34 => new StartChain(ChainId(), Text()),
            35 => new EditChain(ChainId(), Text()),
            36 => new RemoveChain(ChainId()),
            37 or 38 => new AddWhyStep(ChainId(), StepId(), "Why?", Text()),
            39 => new EditWhyStep(ChainId(), StepId(), "Why?", Text()),
            40 => new RemoveWhyStep(ChainId(), StepId()),
            41 => new MarkRootCause(ChainId(), Chance(0.8) ? StepId() : null),
            42 or 43 => new CastVote(ActionId()),
            44 => new RetractVote(ActionId()),
            45 => late && Chance(0.5) ? new RevealVotes() : new SetVoteLimit(_rng.Next(0, 6)),
            46 => new SetTieBreakOrder([ActionId(), ActionId()]),
            47 => new ChooseAction(ActionId(), Chance(0.8)),
            48 => new SetActionDetails(ActionId(), Owner: Chance(0.5) ? Pick((string[])["Priya", "the team", "Sam"]) : null, OwnerParticipantId: Chance(0.3) ? Pick(Actors) : null, DueDate: Chance(0.6) ? new DateOnly(2026, 3, 13) : null),
            49 => Chance(0.5) ? new AcknowledgeAction(ActionId()) : new UpdateActionStatus(ActionId(), (ActionStatus)_rng.Next(4)),
            50 => new SetClose("Summary " + _rng.Next(9), "Impact", Chance(0.5) ? new DateOnly(2026, 3, 20) : null),
            _ => new SignOffActions("Signer " + _rng.Next(20)),
        };
    }
}
