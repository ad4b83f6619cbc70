using System.Text.Json;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Core.Replay;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

/// <summary>Session replay (issue 14; ARCHITECTURE.md claims 43–45): the board at any seq, rebuilt with the reducer, told in words.</summary>
public sealed class ReplayTests
{
    public static TheoryData<int> Seeds() => [3, 2026];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EverySeqOfARandomSessionRebuildsToTheLiveReplicasStateHashAtThatSeq(int seed)
    {
        // Longer than several checkpoints, with refusals, duplicates and clock jumps (the convergence test's generator).
        var log = new RandomSession(seed).Generate(BoardReplay.CheckpointEvery * 9 + 17);
        var live = Board.Empty("replay-" + seed);
        var hashes = new List<string> { live.StateHash() };
        foreach (var entry in log)
        {
            live.Apply(entry);
            hashes.Add(live.StateHash());
        }

        var replay = BoardReplay.Build(live.BoardId, log);

        Assert.Equal(log.Count, replay.LastSeq);
        for (var seq = 0; seq <= log.Count; seq++)
        {
            Assert.True(hashes[seq] == replay.BoardAt(seq).StateHash(), $"the replay's board at seq {seq} differs from the live replica's");
        }
    }

    [Fact]
    public void AHiddenVoteIsNotInTheReplayBeforeItsReveal()
    {
        var t = Voting();
        var beforeReveal = t.Board.Seq;
        t.Ok(Facilitator, new RevealVotes());
        t.Ok(Facilitator, new LockBoard());
        var replay = BoardReplay.Build(t.Board.BoardId, t.Log);

        for (var seq = 1; seq <= beforeReveal; seq++)
        {
            var frame = replay.FrameAt(seq, namesAsRoles: false);
            Assert.Null(frame.View.Tallies);
            Assert.Empty(frame.View.MyVotes);
            Assert.Empty(frame.View.Derived.Ranking);
            var json = JsonSerializer.Serialize(frame.View, CoreJson.Context.BoardView);
            Assert.DoesNotContain("\"tallies\":{", json, StringComparison.Ordinal);
        }

        // The votes were cast, and the narration says so without saying for what.
        var votes = replay.Steps(namesAsRoles: false).Where(s => s.What.Contains("a vote", StringComparison.Ordinal) && !s.Refused).ToList();
        Assert.Equal(["Alice cast a vote", "Bob cast a vote", "Bob cast a vote", "Alice took back a vote"], votes.Select(s => s.Sentence));

        var revealed = replay.FrameAt(beforeReveal + 1, namesAsRoles: false);
        Assert.Equal(new Dictionary<string, int> { ["a1"] = 1, ["a2"] = 1 }, revealed.View.Tallies);
    }

    [Fact]
    public void EachEntryIsToldWithWhoDidWhat()
    {
        var t = Started();
        t.AdvanceTo(Phase.Timeline);
        t.Ok(Alice, new AddNote("e1", NoteKind.Event, "API change deployed", Incident));
        t.Ok(Facilitator, new MoveNote("e1", NoteKind.Signal));
        t.Ok(Facilitator, new LockPhase(Phase.Timeline));
        t.Rejected(Bob, new AddNote("e2", NoteKind.Event, "too late", Incident));
        t.Ok(Bob, new Rename("Robert"));
        t.Ok(Facilitator, new DeleteNote("e1"));
        t.Ok(Facilitator, new LockBoard());
        t.Ok("reader-x", new SignOffActions("Dana"));
        var replay = BoardReplay.Build(t.Board.BoardId, t.Log);

        Assert.Equal(
            [
                "Fran created the board “Pause subscription broke reconciliation”",
                "Alice joined",
                "Bob joined",
                "Fran moved the meeting on to Timeline",
                "Alice added a timeline event “API change deployed”",
                "Fran moved “API change deployed” to the signals lane",
                "Fran locked Timeline",
                "Bob tried a change the board refused",
                "Bob changed their name to “Robert”",
                "Fran removed “API change deployed”",
                "Fran locked the board",
                "Dana signed off on the actions",
            ],
            replay.Steps(namesAsRoles: false).Select(s => s.Sentence));
        Assert.Equal([false, false, false, false, false, false, false, true, false, false, false, false], replay.Steps(false).Select(s => s.Refused));
        Assert.Equal(
            [(1L, ReplayMarkKind.Created, "Created · Set the room"), (4L, ReplayMarkKind.PhaseBegan, "Timeline"), (11L, ReplayMarkKind.BoardLocked, "Board locked")],
            replay.Marks.Select(m => (m.Seq, m.Kind, m.Label)));
    }

    [Fact]
    public void WithNamesReplacedByRolesTheFrameAndItsNarrationNameNobody()
    {
        var t = Started();
        t.AdvanceTo(Phase.Actions);
        t.Ok(Alice, new AddNote("a1", NoteKind.Action, "Bob adds contract tests"));
        t.Ok(Facilitator, new ChooseAction("a1", true));
        t.Ok(Facilitator, new SetActionDetails("a1", Owner: "Bob", OwnerParticipantId: Bob, DueDate: new DateOnly(2026, 3, 13)));
        t.Ok(Facilitator, new LockBoard());
        t.Ok("reader-x", new SignOffActions("Dana"));
        var replay = BoardReplay.Build(t.Board.BoardId, t.Log);

        var frame = replay.FrameAt(replay.LastSeq, namesAsRoles: true);

        Assert.Equal(["facilitator", "participant 1", "participant 2"], frame.View.Participants.Select(p => p.Name).Order(StringComparer.Ordinal));
        var action = Assert.Single(frame.View.Notes);
        Assert.Equal("participant 2 adds contract tests", action.Text);
        Assert.Equal("participant 2", action.Action!.Owner);
        Assert.Equal("A reader signed off on the actions", frame.Current!.Sentence);
        var told = string.Join("\n", replay.Steps(namesAsRoles: true).Select(s => s.Sentence));
        Assert.Contains("participant 1 proposed an action “participant 2 adds contract tests”", told, StringComparison.Ordinal);
        foreach (var name in new[] { "Fran", "Alice", "Bob", "Dana" })
        {
            Assert.DoesNotContain(name, told, StringComparison.Ordinal);
            Assert.DoesNotContain(name, JsonSerializer.Serialize(frame.View, CoreJson.Context.BoardView), StringComparison.Ordinal);
        }

        // The names are still there without the switch.
        Assert.Equal("Bob", replay.FrameAt(replay.LastSeq, namesAsRoles: false).View.Notes.Single().Action!.Owner);
    }

    [Fact]
    public void OnAnAnonymousPhaseTheReplayNamesNoAuthor()
    {
        var t = Started();
        t.Ok(Facilitator, new SetAnonymity([Phase.Timeline]));
        t.AdvanceTo(Phase.Timeline);
        t.Ok(Alice, new AddNote("e1", NoteKind.Event, "API change deployed", Incident));
        t.Ok(Alice, new EditNote("e1", "API change deployed at 16:47"));
        t.Ok(Facilitator, new LockBoard());
        var replay = BoardReplay.Build(t.Board.BoardId, t.Log);

        var told = replay.Steps(namesAsRoles: false).Select(s => s.Sentence).ToList();
        Assert.Contains("Someone added a timeline event “API change deployed”", told);
        Assert.Contains("Someone edited “API change deployed at 16:47”", told);
        Assert.Contains("Fran locked the board", told);
        Assert.Contains("Someone added a timeline event “API change deployed”", replay.Steps(namesAsRoles: true).Select(s => s.Sentence));
        var note = replay.FrameAt(replay.LastSeq, namesAsRoles: false).View.Notes.Single();
        Assert.NotEqual(Alice, note.AuthorId);
    }

    [Fact]
    public void TheReplayOpensOnlyOnceTheBoardIsLockedOrWasClosed()
    {
        Assert.Equal(RejectionCodes.BoardNotCreated, ReplayAvailability.Check(Board.Empty("b").State)?.Code);
        var t = Started();
        t.AdvanceTo(Phase.Close);
        var notReady = ReplayAvailability.Check(t.State);
        Assert.Equal(RejectionCodes.ReplayNotReady, notReady?.Code);
        Assert.Equal(RejectionCodes.Sentence(RejectionCodes.ReplayNotReady), notReady?.Message);
        Assert.DoesNotContain("replay_not_ready", notReady?.Message, StringComparison.Ordinal);

        t.Ok(Facilitator, new LockBoard());
        Assert.Null(ReplayAvailability.Check(t.State));
        // Unlocked again to fix a typo: the meeting did close, so the replay stays open.
        t.Ok(Facilitator, new UnlockBoard());
        Assert.Null(ReplayAvailability.Check(t.State));
    }

    [Fact]
    public void AFrameShowsTheStepsUpToItsSeqWithTheCurrentOneLast()
    {
        var t = Started();
        t.AdvanceTo(Phase.Timeline);
        for (var i = 0; i < BoardReplay.RecentSteps + 5; i++)
        {
            t.Ok(Alice, new AddNote("e" + i, NoteKind.Event, "event " + i, Incident.AddMinutes(i)));
        }

        var replay = BoardReplay.Build(t.Board.BoardId, t.Log);
        var frame = replay.FrameAt(10, namesAsRoles: false);
        Assert.Equal(10, frame.Seq);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), frame.Recent.Select(s => s.Seq));
        Assert.Equal(10, frame.Current!.Seq);
        Assert.Equal(6, frame.View.Notes.Count);

        var end = replay.FrameAt(long.MaxValue, namesAsRoles: false);
        Assert.Equal(replay.LastSeq, end.Seq);
        Assert.Equal(BoardReplay.RecentSteps, end.Recent.Count);
        Assert.Equal(1, replay.Clamp(-5));
    }

    [Fact]
    public void AReplayOfEntriesWithAGapIsRefused()
    {
        var t = Started();
        var gap = new List<LogEntry> { t.Log[0], t.Log[2] };
        var ex = Assert.Throws<ArgumentException>(() => BoardReplay.Build(t.Board.BoardId, gap));
        Assert.Contains("every entry from seq 1", ex.Message, StringComparison.Ordinal);
    }

    private static TestBoard Voting()
    {
        var t = Started();
        t.AdvanceTo(Phase.Actions);
        t.Ok(Alice, new AddNote("a1", NoteKind.Action, "Contract tests"));
        t.Ok(Bob, new AddNote("a2", NoteKind.Action, "Alerting"));
        t.Ok(Alice, new CastVote("a1"));
        t.Ok(Bob, new CastVote("a2"));
        t.Ok(Bob, new CastVote("a1"));
        t.Ok(Alice, new RetractVote("a1"));
        return t;
    }
}
