using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PostMortem.Core;
using PostMortem.Core.Log;
using PostMortem.Data.Storage;

namespace PostMortem.Data.Journal;

/// <summary>
/// Durability for the embedded board log. An append returns once its entry is committed (with SQLite:
/// WAL with synchronous=FULL, so fsynced). One writer on its own thread (<see cref="JournalWriter"/>) commits
/// whatever appends of all boards are waiting as one transaction with plain prepared commands (group commit): many
/// boards appending at once share each fsync, and no thread-pool thread ever blocks on the database. When more
/// appends wait than Database:JournalMaxQueued allows, an append fails at once (<see cref="JournalOverloadedException"/>,
/// nothing stored) instead of queueing without bound. Reads, trims and everything else go through EF Core. A write
/// storage refuses (disk full, database unreachable) is reported to <see cref="StorageHealth"/>; it and a shed append
/// surface as <see cref="StorageUnavailableException"/> (a shed one leaves health alone: storage is fine, only busy).
/// </summary>
public sealed class EntryJournal : IEntryJournal, IAsyncDisposable
{
    private readonly IDbContextFactory<PostMortemDbContext> _contexts;
    private readonly JournalWriter _writer;
    private readonly StorageHealth _health;

    public EntryJournal(IDbContextFactory<PostMortemDbContext> contexts, ILogger<EntryJournal> logger, IOptions<DatabaseOptions> options,
        StorageHealth health)
    {
        ArgumentNullException.ThrowIfNull(options);
        _contexts = contexts;
        _health = health;
        _writer = new JournalWriter(contexts, logger, options.Value.JournalMaxQueued);
    }

    /// <summary>The writer, for tests that observe batching and shedding.</summary>
    internal JournalWriter Writer => _writer;

    /// <summary>Commits the entry durably (<see cref="IEntryJournal.AppendAsync"/>). Over the journal's limit it
    /// throws <see cref="StorageUnavailableException"/> (inner: <see cref="JournalOverloadedException"/>) without storing
    /// anything.</summary>
    public async Task AppendAsync(string boardId, LogEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        var done = _writer.AppendAsync(boardId, entry.Seq, CoreJson.SerializeEntry(entry));
        try
        {
            // Cancelling stops the wait, not the write: the entry may still become durable.
            await (cancellationToken.CanBeCanceled ? done.WaitAsync(cancellationToken) : done);
        }
        catch (JournalOverloadedException ex)
        {
            // Shed, not broken: nothing was stored and storage is fine, so health stays as it is.
            throw new StorageUnavailableException("The journal is over its limit; retry shortly.", ex);
        }
        catch (Exception ex) when (StorageHealth.IsStorageFailure(ex))
        {
            _health.Failed("journal write", ex);
            throw new StorageUnavailableException("The entry could not be stored; retry.", ex);
        }

        _health.Succeeded();
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

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
