using PostMortem.Core;
using PostMortem.Core.Log;

namespace PostMortem.Server.Persistence;

/// <summary>Journal kept in process memory: the default until a database-backed journal is registered.
/// Survives unloading a board, not a restart.</summary>
public sealed class InMemoryEntryJournal : IEntryJournal
{
    private readonly Dictionary<string, List<LogEntry>> _boards = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ValueTask AppendAsync(string boardId, LogEntry entry, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_boards.TryGetValue(boardId, out var entries))
            {
                entries = [];
                _boards.Add(boardId, entries);
            }

            if (entries.Count > 0 && entries[^1].Seq >= entry.Seq)
            {
                throw new InvalidOperationException($"Journal of board {boardId} already holds seq {entries[^1].Seq}; cannot append {entry.Seq}.");
            }

            entries.Add(entry);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<LogEntry>> ReadAfterAsync(string boardId, long afterSeq, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<LogEntry> result = _boards.TryGetValue(boardId, out var entries)
                ? [.. entries.Where(e => e.Seq > afterSeq)]
                : [];
            return ValueTask.FromResult(result);
        }
    }
}

/// <summary>Latest snapshot per board in process memory: the default until a database-backed store is registered.</summary>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly Dictionary<string, BoardSnapshot> _latest = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ValueTask<BoardSnapshot?> LoadLatestAsync(string boardId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_latest.GetValueOrDefault(boardId));
        }
    }

    public ValueTask<bool> SaveAsync(BoardSnapshot snapshot, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_latest.TryGetValue(snapshot.BoardId, out var existing) && existing.Seq >= snapshot.Seq)
            {
                return ValueTask.FromResult(false);
            }

            _latest[snapshot.BoardId] = snapshot;
            return ValueTask.FromResult(true);
        }
    }
}
