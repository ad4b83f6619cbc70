using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PostMortem.Core;
using PostMortem.Core.Log;
using PostMortem.Data.Entities;
using PostMortem.Data.Internal;
using PostMortem.Data.Storage;

namespace PostMortem.Data.Journal;

/// <summary>
/// Durability for the embedded board log. An append returns once its entry is committed (with SQLite:
/// WAL with synchronous=FULL, so fsynced). One writer commits whatever appends are waiting as one
/// transaction (group commit): many boards appending at once share each fsync, so throughput grows with
/// load while a lone append still costs one commit. A write storage refuses (disk full, database unreachable) is
/// reported to <see cref="StorageHealth"/> and surfaces as <see cref="StorageUnavailableException"/>.
/// </summary>
public sealed class EntryJournal : IEntryJournal, IAsyncDisposable
{
    /// <summary>Upper bound on one transaction, so one huge burst does not hold every caller hostage.</summary>
    internal const int MaxBatch = 1024;

    private readonly IDbContextFactory<PostMortemDbContext> _contexts;
    private readonly ILogger<EntryJournal> _logger;
    private readonly StorageHealth _health;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly Task _writer;

    public EntryJournal(IDbContextFactory<PostMortemDbContext> contexts, ILogger<EntryJournal> logger, StorageHealth health)
    {
        _contexts = contexts;
        _logger = logger;
        _health = health;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Commits the entry durably (<see cref="IEntryJournal.AppendAsync"/>).</summary>
    public async Task AppendAsync(string boardId, LogEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await EnqueueAsync(boardId, entry, cancellationToken);
        }
        catch (Exception ex) when (StorageHealth.IsStorageFailure(ex))
        {
            _health.Failed("journal write", ex);
            throw new StorageUnavailableException("The entry could not be stored; retry.", ex);
        }

        _health.Succeeded();
    }

    private Task EnqueueAsync(string boardId, LogEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingAppend(boardId, entry.Seq, CoreJson.SerializeEntry(entry));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(EntryJournal));
        }

        // Cancelling stops the wait, not the write: the entry may still become durable.
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Journaled entries with Seq &gt; afterSeq, in order.</summary>
    public async Task<IReadOnlyList<LogEntry>> ReadAfterAsync(string boardId, long afterSeq, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.JournalEntries.AsNoTracking()
            .Where(j => j.BoardId == boardId && j.Seq > afterSeq)
            .OrderBy(j => j.Seq)
            .Select(j => j.EntryJson)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(CoreJson.DeserializeEntry)];
    }

    /// <summary>The highest journaled Seq of the board, 0 when none.</summary>
    public async Task<long> LastSeqAsync(string boardId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.JournalEntries.Where(j => j.BoardId == boardId).MaxAsync(j => (long?)j.Seq, cancellationToken) ?? 0;
    }

    /// <summary>Drops entries with Seq &lt;= upToSeq (only below a durable snapshot).</summary>
    public async Task<int> TrimAsync(string boardId, long upToSeq, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.JournalEntries.Where(j => j.BoardId == boardId && j.Seq <= upToSeq).ExecuteDeleteAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>(MaxBatch);
        PostMortemDbContext? db = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                db ??= await OpenAsync();
                try
                {
                    await CommitAsync(db, batch);
                    foreach (var pending in batch)
                    {
                        pending.Done.TrySetResult();
                    }
                }
                catch (Exception e)
                {
                    // The batch failed as a whole (a duplicate, a lost connection, a full disk): start
                    // afresh and write each entry on its own so one bad entry fails only its own caller.
                    await db.DisposeAsync();
                    db = null;
                    DataLog.JournalBatchFailed(_logger, e, batch.Count);
                    foreach (var pending in batch)
                    {
                        await WriteOneAsync(pending);
                    }
                }
            }
        }
        finally
        {
            if (db is not null)
            {
                await db.DisposeAsync();
            }
        }
    }

    private async Task<PostMortemDbContext> OpenAsync()
    {
        var db = await _contexts.CreateDbContextAsync();
        // Tracking and change detection are wasted on insert-only batches.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return db;
    }

    private static async Task CommitAsync(PostMortemDbContext db, List<PendingAppend> batch)
    {
        foreach (var pending in batch)
        {
            db.JournalEntries.Add(new JournalEntryRow { BoardId = pending.BoardId, Seq = pending.Seq, EntryJson = pending.Json });
        }

        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task WriteOneAsync(PendingAppend pending)
    {
        try
        {
            await using var db = await OpenAsync();
            try
            {
                await CommitAsync(db, [pending]);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                var stored = await db.JournalEntries
                    .Where(j => j.BoardId == pending.BoardId && j.Seq == pending.Seq)
                    .Select(j => j.EntryJson).SingleAsync();
                if (!string.Equals(stored, pending.Json, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Journal already holds a different entry at seq {pending.Seq} of board {pending.BoardId}.", e);
                }
            }

            pending.Done.TrySetResult();
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }

    private sealed record PendingAppend(string BoardId, long Seq, string Json)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
