using PostMortem.Core.Log;

namespace PostMortem.Server.BoardLog;

/// <summary>
/// The embedded log: one process, no dependencies. Appends are serialised per board so sequence
/// numbers are gapless and subscribers see entries in order.
/// </summary>
public sealed class InMemoryBoardLog(TimeProvider clock) : IBoardLog
{
    private readonly Dictionary<string, BoardStream> _boards = new(StringComparer.Ordinal);
    private readonly Lock _boardsLock = new();

    public async ValueTask<LogEntry> AppendAsync(string boardId, PendingEntry pending, CancellationToken cancellationToken)
    {
        var stream = Get(boardId);
        LogEntry entry;
        Func<LogEntry, ValueTask>[] subscribers;
        await stream.Gate.WaitAsync(cancellationToken);
        try
        {
            lock (stream)
            {
                entry = new LogEntry(stream.FirstSeq + stream.Entries.Count, clock.GetUtcNow(), pending.ActorId, pending.ClientOpId, pending.Command);
                stream.Entries.Add(entry);
                subscribers = [.. stream.Subscribers];
            }

            // Delivered under the gate so every subscriber sees this board's entries in sequence order.
            foreach (var subscriber in subscribers)
            {
                await subscriber(entry);
            }
        }
        finally
        {
            stream.Gate.Release();
        }

        return entry;
    }

    public ValueTask<IReadOnlyList<LogEntry>> ReadAsync(string boardId, long afterSeq, int max, CancellationToken cancellationToken)
    {
        var stream = Get(boardId);
        lock (stream)
        {
            var start = (int)Math.Max(0, afterSeq + 1 - stream.FirstSeq);
            var count = Math.Max(0, Math.Min(max, stream.Entries.Count - start));
            IReadOnlyList<LogEntry> result = count == 0 ? [] : stream.Entries.GetRange(start, count);
            return ValueTask.FromResult(result);
        }
    }

    public ValueTask<long> LastSeqAsync(string boardId, CancellationToken cancellationToken)
    {
        var stream = Get(boardId);
        lock (stream)
        {
            return ValueTask.FromResult(stream.FirstSeq + stream.Entries.Count - 1);
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

    public ValueTask TrimAsync(string boardId, long upToSeq, CancellationToken cancellationToken)
    {
        var stream = Get(boardId);
        lock (stream)
        {
            var drop = (int)Math.Clamp(upToSeq - stream.FirstSeq + 1, 0, stream.Entries.Count);
            stream.Entries.RemoveRange(0, drop);
            stream.FirstSeq += drop;
        }

        return ValueTask.CompletedTask;
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
        /// <summary>Seq of Entries[0]; entries below it were trimmed.</summary>
        public long FirstSeq { get; set; } = 1;
        public List<Func<LogEntry, ValueTask>> Subscribers { get; } = [];
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
