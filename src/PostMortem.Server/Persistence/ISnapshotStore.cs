using PostMortem.Core;

namespace PostMortem.Server.Persistence;

/// <summary>Board snapshots (state at a sequence number). Implemented here by <see cref="EfSnapshotStore"/>, which
/// forwards to PostMortem.Data's <c>SnapshotStore</c> (EF Core), and in memory when no database is configured.</summary>
public interface ISnapshotStore
{
    ValueTask<BoardSnapshot?> LoadLatestAsync(string boardId, CancellationToken cancellationToken);

    /// <summary>Stores the snapshot unless one at the same or a higher Seq is stored already (idempotent;
    /// a snapshot never replaces a newer one). Returns whether it was stored.</summary>
    ValueTask<bool> SaveAsync(BoardSnapshot snapshot, CancellationToken cancellationToken);
}
