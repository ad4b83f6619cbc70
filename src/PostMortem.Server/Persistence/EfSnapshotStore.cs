using PostMortem.Core;
using PostMortem.Data.Snapshots;

namespace PostMortem.Server.Persistence;

/// <summary>Board snapshots in the database (PostMortem.Data's <see cref="SnapshotStore"/>).</summary>
internal sealed class EfSnapshotStore(SnapshotStore store) : ISnapshotStore
{
    public async ValueTask<BoardSnapshot?> LoadLatestAsync(string boardId, CancellationToken cancellationToken) =>
        await store.LoadLatestAsync(boardId, cancellationToken);

    public async ValueTask<bool> SaveAsync(BoardSnapshot snapshot, CancellationToken cancellationToken) =>
        await store.SaveAsync(snapshot, cancellationToken);
}
