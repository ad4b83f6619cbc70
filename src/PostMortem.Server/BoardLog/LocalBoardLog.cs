using PostMortem.Core.Log;
using PostMortem.Server.Persistence;

namespace PostMortem.Server.BoardLog;

/// <summary>
/// The embedded board log (one instance, nothing to install). Like <see cref="InMemoryBoardLog"/>, plus
/// durability through an <see cref="IEntryJournal"/>: an entry is journaled BEFORE it is kept, delivered or
/// returned, so nobody learns of an entry a crash could lose. A board's first use hydrates it from the journal.
/// </summary>
public sealed class LocalBoardLog(TimeProvider clock, IEntryJournal? journal = null) : IBoardLog
{
    private readonly Dictionary<string, BoardStream> _boards = new(StringComparer.Ordinal);
    private readonly Lock _boardsLock = new();

    public async ValueTask<LogEntry> AppendAsync(string boardId, PendingEntry pending, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stream = Get(boardId);
            await stream.Gate.WaitAsync(cancellationToken);
            try
            {
                if (stream.Retired)
                {
                    continue; // unloaded while we waited: use the fresh stream, which hydrates from the journal
                }

                await HydrateHeldAsync(boardId, stream, cancellationToken);
                LogEntry entry;
                lock (stream)
                {
                    entry = new LogEntry(stream.FirstSeq + stream.Entries.Count, clock.GetUtcNow(), pending.ActorId, pending.ClientOpId, pending.Command);
                }

                // Journal first: if this throws, the sequence number is not used and nobody saw the entry.
                if (journal is not null)
                {
                    await journal.AppendAsync(boardId, entry, cancellationToken);
                }

                Func<LogEntry, ValueTask>[] subscribers;
                lock (stream)
                {
                    stream.Entries.Add(entry);
                    subscribers = [.. stream.Subscribers];
                }

                // Delivered under the gate so every subscriber sees this board's entries in sequence order.
                foreach (var subscriber in subscribers)
                {
                    await subscriber(entry);
                }

                return entry;
            }
            finally
            {
                stream.Gate.Release();
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
                    if (stream.Subscribers.Count > 0)
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
