using Microsoft.Extensions.Logging.Abstractions;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Data.Journal;
using PostMortem.Data.Snapshots;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Boards;
using PostMortem.Server.Hubs;
using PostMortem.Server.Options;
using PostMortem.Server.Presence;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>
/// A replica and a log that disagree (docs/SCALE-OUT.md, "When Redis loses acknowledged writes"): no snapshot is
/// written from a replica known to disagree with the log — not even the graceful stop's — and a replica the log
/// rewinds is rebuilt from the log's own entries. The log here is a scripted one: what Redis losing writes looks like
/// from the replica's side, made exactly.
/// </summary>
public sealed class SnapshotGuardTests
{
    private const string BoardId = "0123456789abcdef0123456789abcdef";
    private const string Facilitator = "facilitator-1";

    [Fact]
    public async Task AReplicaTheLogSaysDisagreesWritesNoSnapshotNotEvenAtAGracefulStop()
    {
        var log = ScriptedLog.WithBoard(notes: 2);
        var store = new RecordingSnapshotStore();
        log.Disagrees = true;
        var host = await LoadAsync(log, store);
        await host.DisposeAsync(); // a graceful stop: the final snapshot is asked for and withheld

        Assert.Null(await store.LoadLatestAsync(BoardId, CancellationToken.None));

        // Once the log agrees again, the same stop saves the board.
        log.Disagrees = false;
        var again = await LoadAsync(log, store);
        await again.DisposeAsync();
        Assert.Equal(log.Head, (await store.LoadLatestAsync(BoardId, CancellationToken.None))!.Seq);
    }

    [Fact]
    public async Task AGracefulStopWritesNoSnapshotOfAnEntryTheLogNoLongerHolds()
    {
        var log = ScriptedLog.WithBoard(notes: 1);
        var store = new RecordingSnapshotStore();
        var host = await LoadAsync(log, store);
        await store.WaitForSavedAsync(BoardId, log.Head); // the load's own snapshot: nothing else is due before the stop
        var mine = log.Append(new PendingEntry(Facilitator, "op-mine", Note("mine")));
        Assert.Equal("op-mine", (await host.WaitForAppliedAsync(mine.Seq, TimeSpan.FromSeconds(10), CancellationToken.None))!.Entry.ClientOpId);

        // Redis lost op-mine and gave its number to another entry; this replica has not been told yet.
        log.ReplaceSilently(keptSeq: mine.Seq - 1, new PendingEntry("someone-else", "op-other", Note("other")));
        await host.DisposeAsync();

        var latest = await store.LoadLatestAsync(BoardId, CancellationToken.None);
        Assert.True(latest is null || latest.Seq < mine.Seq, $"a snapshot at {latest?.Seq} holds an entry the log no longer has");
    }

    [Fact]
    public async Task AReplicaTheLogRewindsIsRebuiltFromTheLogsOwnEntriesAndSavedOnlyThen()
    {
        var log = ScriptedLog.WithBoard(notes: 3);
        var store = new RecordingSnapshotStore();
        await using var host = await LoadAsync(log, store);
        var oldHead = log.Head;
        Assert.Equal(oldHead, host.Seq);

        // The log keeps the first three entries; other entries take the numbers after them (and one more).
        await log.RewindAsync(3,
            new PendingEntry(Facilitator, "op-a", Note("a")),
            new PendingEntry(Facilitator, "op-b", Note("b")),
            new PendingEntry(Facilitator, "op-c", Note("c")),
            new PendingEntry(Facilitator, "op-d", Note("d")));

        var saved = await store.WaitForSavedAsync(BoardId, oldHead + 1);
        Assert.Equal(log.Head, saved.Seq);
        Assert.Equal(log.Replay().StateHash(), saved.StateHash);
        Assert.Equal(log.Replay().StateHash(), host.Read(board => board.StateHash()));
        Assert.Equal(["a", "b", "c", "d", "n1"], host.Read(board => board.State.Notes.Keys.Order(StringComparer.Ordinal).ToList()));
    }

    private static AddNote Note(string id) => new(id, NoteKind.Event, $"note {id}", DateTimeOffset.UtcNow);

    private static async Task<BoardHost> LoadAsync(ScriptedLog log, ISnapshotStore store) =>
        (await BoardHost.LoadAsync(BoardId, log, store, new BoardOptions { SnapshotDebounce = TimeSpan.FromHours(1) }, TimeProvider.System,
            NullLogger.Instance, _ => { }, [], new NoPresence(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)))!;

    /// <summary>An in-memory board log whose history the test rewrites, with or without telling the subscriber.</summary>
    private sealed class ScriptedLog : IBoardLog
    {
        private readonly Lock _lock = new();
        private readonly List<LogEntry> _entries = [];
        private readonly List<(Func<LogEntry, ValueTask> OnEntry, Func<long, ValueTask> OnRewound)> _subscribers = [];

        public volatile bool Disagrees;

        public long Head
        {
            get
            {
                lock (_lock)
                {
                    return _entries.Count;
                }
            }
        }

        public static ScriptedLog WithBoard(int notes)
        {
            var log = new ScriptedLog();
            log.Append(new PendingEntry(Facilitator, "create", new CreateBoard("Guard", DateTimeOffset.UtcNow, IncidentType.Other, 3, "Sam")));
            log.Append(new PendingEntry(Facilitator, "advance", new AdvancePhase()));
            for (var i = 1; i <= notes; i++)
            {
                log.Append(new PendingEntry(Facilitator, $"op-n{i}", Note($"n{i}")));
            }

            return log;
        }

        public LogEntry Append(PendingEntry pending)
        {
            LogEntry entry;
            (Func<LogEntry, ValueTask> OnEntry, Func<long, ValueTask> OnRewound)[] subscribers;
            lock (_lock)
            {
                entry = new LogEntry(_entries.Count + 1, DateTimeOffset.UtcNow, pending.ActorId, pending.ClientOpId, pending.Command);
                _entries.Add(entry);
                subscribers = [.. _subscribers];
            }

            foreach (var subscriber in subscribers)
            {
                subscriber.OnEntry(entry).AsTask().Wait();
            }

            return entry;
        }

        /// <summary>Entries after <paramref name="keptSeq"/> are replaced by <paramref name="others"/>; nobody is told.</summary>
        public void ReplaceSilently(long keptSeq, params PendingEntry[] others)
        {
            lock (_lock)
            {
                _entries.RemoveRange((int)keptSeq, _entries.Count - (int)keptSeq);
                foreach (var pending in others)
                {
                    _entries.Add(new LogEntry(_entries.Count + 1, DateTimeOffset.UtcNow, pending.ActorId, pending.ClientOpId, pending.Command));
                }
            }
        }

        /// <summary>As a Redis feed does after finding the lost numbers taken: rewind the subscribers, then deliver the log's entries.</summary>
        public async Task RewindAsync(long keptSeq, params PendingEntry[] others)
        {
            ReplaceSilently(keptSeq, others);
            (Func<LogEntry, ValueTask> OnEntry, Func<long, ValueTask> OnRewound)[] subscribers;
            LogEntry[] after;
            lock (_lock)
            {
                subscribers = [.. _subscribers];
                after = [.. _entries.Skip((int)keptSeq)];
            }

            foreach (var (onEntry, onRewound) in subscribers)
            {
                await onRewound(keptSeq);
                foreach (var entry in after)
                {
                    await onEntry(entry);
                }
            }
        }

        public Board Replay()
        {
            var board = Board.Empty(BoardId);
            lock (_lock)
            {
                foreach (var entry in _entries)
                {
                    board.Apply(entry);
                }
            }

            return board;
        }

        public ValueTask<LogEntry> AppendAsync(string boardId, PendingEntry pending, CancellationToken cancellationToken) => ValueTask.FromResult(Append(pending));

        public ValueTask<IReadOnlyList<LogEntry>> ReadAsync(string boardId, long afterSeq, int max, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                return ValueTask.FromResult<IReadOnlyList<LogEntry>>([.. _entries.Skip((int)Math.Max(afterSeq, 0)).Take(max)]);
            }
        }

        public ValueTask<long> LastSeqAsync(string boardId, CancellationToken cancellationToken) => ValueTask.FromResult(Head);

        public ValueTask<IAsyncDisposable> SubscribeAsync(string boardId, Func<LogEntry, ValueTask> onEntry, CancellationToken cancellationToken) =>
            SubscribeAsync(boardId, onEntry, _ => ValueTask.CompletedTask, cancellationToken);

        public ValueTask<IAsyncDisposable> SubscribeAsync(string boardId, Func<LogEntry, ValueTask> onEntry, Func<long, ValueTask> onRewound, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                _subscribers.Add((onEntry, onRewound));
            }

            return ValueTask.FromResult<IAsyncDisposable>(new Unsubscribe(this, onEntry));
        }

        public bool DisagreesWithLog(string boardId) => Disagrees;

        public ValueTask TrimAsync(string boardId, long upToSeq, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        private sealed class Unsubscribe(ScriptedLog log, Func<LogEntry, ValueTask> onEntry) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                lock (log._lock)
                {
                    log._subscribers.RemoveAll(s => s.OnEntry == onEntry);
                }

                return ValueTask.CompletedTask;
            }
        }
    }

    private sealed class NoPresence : IPresenceBroadcast
    {
        public void Send(string boardId, RawJson batch, IReadOnlyList<string> exceptConnectionIds)
        {
        }

        public Task AddAsync(string connectionId, string boardId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
