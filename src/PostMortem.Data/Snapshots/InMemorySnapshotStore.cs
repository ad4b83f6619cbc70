using PostMortem.Core;

namespace PostMortem.Data.Snapshots;

/// <summary>The latest snapshot per board in process memory: the server's default until a database is configured,
/// and the tests'.</summary>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly Dictionary<string, BoardSnapshot> _latest = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task<BoardSnapshot?> LoadLatestAsync(string boardId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_latest.GetValueOrDefault(boardId));
        }
    }

    public Task<bool> SaveAsync(BoardSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            if (_latest.TryGetValue(snapshot.BoardId, out var existing) && existing.Seq >= snapshot.Seq)
            {
                return Task.FromResult(false);
            }

            _latest[snapshot.BoardId] = snapshot;
            return Task.FromResult(true);
        }
    }
}
