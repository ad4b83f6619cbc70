using PostMortem.Core;

namespace PostMortem.Data.Snapshots;

/// <summary>
/// Board snapshots (a board's state at a sequence number); a board loads from its latest snapshot plus the log after
/// it. Two implementations, one contract (Data.Tests' SnapshotStoreContract): <see cref="SnapshotStore"/> in the
/// database (EF Core) and <see cref="InMemorySnapshotStore"/> without one.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>The board's latest snapshot, null when it has none.</summary>
    Task<BoardSnapshot?> LoadLatestAsync(string boardId, CancellationToken cancellationToken);

    /// <summary>Stores the snapshot unless one at the same or a higher Seq is stored already (idempotent;
    /// a snapshot never replaces a newer one, even with racing writers). Returns whether it was stored.</summary>
    Task<bool> SaveAsync(BoardSnapshot snapshot, CancellationToken cancellationToken);
}
