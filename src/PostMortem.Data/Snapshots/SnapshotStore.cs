using Microsoft.EntityFrameworkCore;
using PostMortem.Core;
using PostMortem.Data.Entities;
using PostMortem.Data.Internal;
using PostMortem.Data.Storage;

namespace PostMortem.Data.Snapshots;

/// <summary>
/// The latest snapshot of each board. "Never replace a newer snapshot" is enforced by the write itself
/// (a conditional UPDATE, then an INSERT that may lose a key race), not by a read before the write, so
/// two instances saving at once can never leave the older one in place. A failed save is reported to
/// <see cref="StorageHealth"/> and rethrown (the board keeps running from its log).
/// </summary>
public sealed class SnapshotStore(IDbContextFactory<PostMortemDbContext> contexts, TimeProvider clock, StorageHealth health) : ISnapshotStore
{
    public async Task<BoardSnapshot?> LoadLatestAsync(string boardId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Snapshots.AsNoTracking().SingleOrDefaultAsync(s => s.BoardId == boardId, cancellationToken);
        return row is null ? null : new BoardSnapshot(row.BoardId, row.Seq, row.StateJson, row.StateHash);
    }

    /// <summary>Stores the snapshot unless one at the same or a higher Seq is stored. Returns whether it was stored.</summary>
    public async Task<bool> SaveAsync(BoardSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        bool saved;
        try
        {
            saved = await WriteAsync(snapshot, cancellationToken);
        }
        catch (Exception ex) when (StorageHealth.IsStorageFailure(ex))
        {
            health.Failed("snapshot write", ex);
            throw;
        }

        health.Succeeded();
        return saved;
    }

    private async Task<bool> WriteAsync(BoardSnapshot snapshot, CancellationToken cancellationToken)
    {
        var savedAt = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Each turn either writes, finds a newer snapshot, or saw another writer change the row between
        // its two statements; a writer only retries after someone else made progress, so this ends.
        while (true)
        {
            var updated = await db.Snapshots
                .Where(s => s.BoardId == snapshot.BoardId && s.Seq < snapshot.Seq)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(s => s.Seq, snapshot.Seq)
                        .SetProperty(s => s.StateJson, snapshot.StateJson)
                        .SetProperty(s => s.StateHash, snapshot.StateHash)
                        .SetProperty(s => s.SavedAt, savedAt),
                    cancellationToken);
            if (updated > 0)
            {
                return true;
            }

            var storedSeq = await db.Snapshots.Where(s => s.BoardId == snapshot.BoardId)
                .Select(s => (long?)s.Seq).SingleOrDefaultAsync(cancellationToken);
            if (storedSeq >= snapshot.Seq)
            {
                return false;
            }

            if (storedSeq is not null)
            {
                // An older row appeared after our UPDATE looked: update it on the next turn.
                continue;
            }

            db.Snapshots.Add(new SnapshotRow
            {
                BoardId = snapshot.BoardId,
                Seq = snapshot.Seq,
                StateJson = snapshot.StateJson,
                StateHash = snapshot.StateHash,
                SavedAt = savedAt,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // Another writer inserted first; compare with theirs on the next turn.
                db.ChangeTracker.Clear();
            }
        }
    }
}
