// Size (about 410 lines): one job — order, journal and deliver one instance's entries — whose parts (group commit,
// hydration from the journal, unloading idle boards) share the per-board gate and stream; split apart, each part
// would have to reach into the others' locking.
using PostMortem.Core.Log;
using PostMortem.Data.Journal;

namespace PostMortem.Server.BoardLog;

/// <summary>
/// The embedded board log (one instance, nothing to install): entries in process memory, plus
/// durability through an <see cref="IEntryJournal"/>: an entry is journaled BEFORE it is kept, delivered or
/// returned, so nobody learns of an entry a crash could lose. A board's first use hydrates it from the journal.
/// </summary>
internal sealed class LocalBoardLog(TimeProvider clock, IEntryJournal? journal = null) : IBoardLog
{
    private readonly Dictionary<string, BoardStream> _boards = new(StringComparer.Ordinal);
    private readonly Lock _boardsLock = new();

    public async ValueTask<LogEntry> AppendAsync(string boardId, PendingEntry pending, CancellationToken cancellationToken)
    {
        var request = new AppendRequest(pending);
        while (true)
        {
            var stream = Get(boardId);
            bool lead;
            lock (stream)
            {
                if (stream.Retired)
                {
                    continue; // unloaded meanwhile: use the fresh stream, which hydrates from the journal
                }

                stream.Waiting.Add(request);
                lead = !stream.Committing;
                stream.Committing = true;
            }

            if (lead)
            {
                _ = CommitWaitingAsync(boardId, stream);
            }

            // Not cancellable once queued: the entry is appended whole or not at all (as before).
            return await request.Done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Group commit per board (docs/BENCHMARKS.md): every append waiting for the board is given the next
    /// sequence numbers and sent to the journal together, so a busy board pays one commit (one fsync) per
    /// group instead of one per entry — with one entry in flight at a time a board could never append
    /// faster than its disk syncs. Entries are still delivered strictly in order and only once journaled.
    /// Runs while appends are waiting; one runner per board (stream.Committing).
    /// </summary>
    private async Task CommitWaitingAsync(string boardId, BoardStream stream)
    {
        try
        {
            while (true)
            {
                await stream.Gate.WaitAsync(CancellationToken.None);
                try
                {
                    await HydrateHeldAsync(boardId, stream, CancellationToken.None);
                    List<AppendRequest> group;
                    lock (stream)
                    {
                        if (stream.Waiting.Count == 0)
                        {
                            stream.Committing = false;
                            return;
                        }

                        group = [.. stream.Waiting];
                        stream.Waiting.Clear();
                    }

                    try
                    {
                        await CommitGroupAsync(boardId, stream, group);
                    }
                    catch (Exception ex)
                    {
                        foreach (var request in group)
                        {
                            request.Done.TrySetException(ex); // those not already answered
                        }

                        throw;
                    }
                }
                finally
                {
                    stream.Gate.Release();
                }
            }
        }
        catch (Exception ex)
        {
            // Hydration failed (or a bug): nobody waiting may hang.
            List<AppendRequest> waiting;
            lock (stream)
            {
                waiting = [.. stream.Waiting];
                stream.Waiting.Clear();
                stream.Committing = false;
            }

            foreach (var request in waiting)
            {
                request.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>Caller holds the gate.</summary>
    private async Task CommitGroupAsync(string boardId, BoardStream stream, List<AppendRequest> group)
    {
        long first;
        lock (stream)
        {
            first = stream.FirstSeq + stream.Entries.Count;
        }

        var now = clock.GetUtcNow();
        var entries = new LogEntry[group.Count];
        var commits = journal is null ? null : new Task[group.Count];
        for (var i = 0; i < group.Count; i++)
        {
            var p = group[i].Pending;
            entries[i] = new LogEntry(first + i, now, p.ActorId, p.ClientOpId, p.Command);
            // Queued back to back: the journal commits what is waiting as one transaction.
            if (commits is not null)
            {
                commits[i] = JournalAsync(boardId, entries[i]);
            }
        }

        for (var i = 0; i < entries.Length; i++)
        {
            if (commits is not null)
            {
                try
                {
                    await commits[i];
                }
                catch (Exception ex)
                {
                    // Journal first: this entry and every later one of the group are not used; their
                    // sequence numbers go to the next appends and their callers may retry (same clientOpId).
                    for (var j = i; j < group.Count; j++)
                    {
                        group[j].Done.TrySetException(ex);
                    }

                    await RetireIfJournalHasHoleAsync(boardId, stream, commits, i);
                    return;
                }
            }

            Func<LogEntry, ValueTask>[] subscribers;
            lock (stream)
            {
                stream.Entries.Add(entries[i]);
                subscribers = [.. stream.Subscribers];
            }

            try
            {
                // Delivered under the gate so every subscriber sees this board's entries in sequence order.
                foreach (var subscriber in subscribers)
                {
                    await subscriber(entries[i]);
                }

                group[i].Done.TrySetResult(entries[i]);
            }
            catch (Exception ex)
            {
                group[i].Done.TrySetException(ex); // the entry is in the log, as when a subscriber threw before
            }
        }
    }

    /// <summary>A journal append as a task, also when the journal throws before returning one.</summary>
    private async Task JournalAsync(string boardId, LogEntry entry) =>
        await journal!.AppendAsync(boardId, entry, CancellationToken.None);

    /// <summary>
    /// After a failed commit, a later entry of the same group may still have been written (the journal retries
    /// entries one by one after a failed batch). Reusing its sequence number would then be refused by the
    /// journal, so the stream is dropped: the next use hydrates, and a hole makes the board fail loudly
    /// (HydrateHeldAsync) instead of silently diverging.
    /// </summary>
    private async Task RetireIfJournalHasHoleAsync(string boardId, BoardStream stream, Task[] commits, int failed)
    {
        var hole = false;
        for (var j = failed + 1; j < commits.Length; j++)
        {
            try
            {
                await commits[j];
                hole = true;
            }
            catch (Exception)
            {
                // Not written either: no hole from this one.
            }
        }

        if (!hole)
        {
            return;
        }

        lock (_boardsLock)
        {
            lock (stream)
            {
                stream.Retired = true;
                _boards.Remove(boardId);
            }
        }
    }

    public async ValueTask<IReadOnlyList<LogEntry>> ReadAsync(string boardId, long afterSeq, int max, CancellationToken cancellationToken)
    {
        var stream = Get(boardId);
        await HydrateAsync(boardId, stream, cancellationToken);
        lock (stream)
        {
            var start = (int)Math.Clamp(afterSeq + 1 - stream.FirstSeq, 0, stream.Entries.Count);
            var count = Math.Max(0, Math.Min(max, stream.Entries.Count - start));
            return count == 0 ? [] : stream.Entries.GetRange(start, count);
        }
    }

    public async ValueTask<long> LastSeqAsync(string boardId, CancellationToken cancellationToken)
    {
        var stream = Get(boardId);
        await HydrateAsync(boardId, stream, cancellationToken);
        lock (stream)
        {
            return stream.FirstSeq + stream.Entries.Count - 1;
        }
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(string boardId, Func<LogEntry, ValueTask> onEntry, CancellationToken cancellationToken)
    {
        var stream = Get(boardId);
        lock (stream)
        {
            stream.Subscribers.Add(onEntry);
        }

        return ValueTask.FromResult<IAsyncDisposable>(new Subscription(stream, onEntry));
    }

    public async ValueTask TrimAsync(string boardId, long upToSeq, CancellationToken cancellationToken)
    {
        var stream = Get(boardId);
        await HydrateAsync(boardId, stream, cancellationToken);
        lock (stream)
        {
            var drop = (int)Math.Clamp(upToSeq - stream.FirstSeq + 1, 0, stream.Entries.Count);
            stream.Entries.RemoveRange(0, drop);
            stream.FirstSeq += drop;
        }
    }

    /// <summary>
    /// Forgets a board's in-memory entries when nobody subscribes and nothing is being appended; the journal
    /// still holds them and the next use hydrates again. Keeps idle and unknown boards from holding memory.
    /// </summary>
    internal bool TryUnload(string boardId)
    {
        BoardStream? stream;
        lock (_boardsLock)
        {
            if (!_boards.TryGetValue(boardId, out stream))
            {
                return true;
            }
        }

        if (!stream.Gate.Wait(0))
        {
            return false;
        }

        try
        {
            lock (_boardsLock)
            {
                lock (stream)
                {
                    if (stream.Subscribers.Count > 0 || stream.Committing || stream.Waiting.Count > 0)
                    {
                        return false;
                    }

                    stream.Retired = true;
                    _boards.Remove(boardId);
                    return true;
                }
            }
        }
        finally
        {
            stream.Gate.Release();
        }
    }

    private async ValueTask HydrateAsync(string boardId, BoardStream stream, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref stream.Hydrated))
        {
            return;
        }

        await stream.Gate.WaitAsync(cancellationToken);
        try
        {
            await HydrateHeldAsync(boardId, stream, cancellationToken);
        }
        finally
        {
            stream.Gate.Release();
        }
    }

    /// <summary>Caller holds the gate.</summary>
    private async ValueTask HydrateHeldAsync(string boardId, BoardStream stream, CancellationToken cancellationToken)
    {
        if (stream.Hydrated)
        {
            return;
        }

        if (journal is not null)
        {
            var stored = await journal.ReadAfterAsync(boardId, 0, cancellationToken);
            if (stored.Count > 0)
            {
                for (var i = 1; i < stored.Count; i++)
                {
                    if (stored[i].Seq != stored[i - 1].Seq + 1)
                    {
                        throw new InvalidOperationException($"The journal of board {boardId} has a gap after seq {stored[i - 1].Seq}.");
                    }
                }

                lock (stream)
                {
                    stream.FirstSeq = stored[0].Seq;
                    stream.Entries.AddRange(stored);
                }
            }
        }

        Volatile.Write(ref stream.Hydrated, true);
    }

    private BoardStream Get(string boardId)
    {
        lock (_boardsLock)
        {
            if (!_boards.TryGetValue(boardId, out var stream))
            {
                stream = new BoardStream();
                _boards.Add(boardId, stream);
            }

            return stream;
        }
    }

    private sealed class BoardStream
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public List<LogEntry> Entries { get; } = [];
        /// <summary>Seq of Entries[0]; entries below it were trimmed (or never journaled here).</summary>
        public long FirstSeq { get; set; } = 1;
        public List<Func<LogEntry, ValueTask>> Subscribers { get; } = [];
        public bool Hydrated;
        /// <summary>Unloaded: a caller holding this instance must fetch a fresh one.</summary>
        public bool Retired { get; set; }
        /// <summary>Appends not yet given a sequence number, in arrival order (guarded by the stream's lock).</summary>
        public List<AppendRequest> Waiting { get; } = [];
        /// <summary>A <see cref="CommitWaitingAsync"/> runner is active (guarded by the stream's lock).</summary>
        public bool Committing { get; set; }
    }

    private sealed class AppendRequest(PendingEntry pending)
    {
        public PendingEntry Pending { get; } = pending;

        public TaskCompletionSource<LogEntry> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Subscription(BoardStream stream, Func<LogEntry, ValueTask> onEntry) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (stream)
            {
                stream.Subscribers.Remove(onEntry);
            }

            return ValueTask.CompletedTask;
        }
    }
}
