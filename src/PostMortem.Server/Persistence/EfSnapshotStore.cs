using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PostMortem.Core;
using PostMortem.Data.Snapshots;

namespace PostMortem.Server.Persistence;

/// <summary>Board snapshots in the database (PostMortem.Data's <see cref="SnapshotStore"/>); a failed save is
/// reported to <see cref="StorageHealth"/> (the board keeps running from its log).</summary>
internal sealed class EfSnapshotStore(SnapshotStore store, StorageHealth health) : ISnapshotStore
{
    public async ValueTask<BoardSnapshot?> LoadLatestAsync(string boardId, CancellationToken cancellationToken) =>
        await store.LoadLatestAsync(boardId, cancellationToken);

    public async ValueTask<bool> SaveAsync(BoardSnapshot snapshot, CancellationToken cancellationToken)
    {
        bool saved;
        try
        {
            saved = await store.SaveAsync(snapshot, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or IOException or TimeoutException)
        {
            health.Failed("snapshot write", ex);
            throw;
        }

        health.Succeeded();
        return saved;
    }
}
