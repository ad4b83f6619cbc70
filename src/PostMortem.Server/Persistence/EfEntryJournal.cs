using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PostMortem.Core.Log;
using PostMortem.Data.Journal;
using PostMortem.Server.BoardLog;

namespace PostMortem.Server.Persistence;

/// <summary>The embedded log's journal in the database (PostMortem.Data's <see cref="EntryJournal"/>):
/// an append returns once the entry is committed, batched with whatever other boards append meanwhile.
/// A failed write (disk full, database unreachable) is reported to <see cref="StorageHealth"/> and surfaces as
/// <see cref="BoardLogUnavailableException"/>: nothing was stored, so callers answer 503/unavailable.</summary>
internal sealed class EfEntryJournal(EntryJournal journal, StorageHealth health) : IEntryJournal
{
    public async ValueTask AppendAsync(string boardId, LogEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await journal.AppendAsync(boardId, entry, cancellationToken);
        }
        catch (JournalOverloadedException ex)
        {
            // Shed, not broken: the journal is over its queue limit (or refuses to leave a gap after one). Nothing was
            // stored and storage is fine, so /healthz stays healthy; the caller still answers 503/unavailable.
            throw new BoardLogUnavailableException("The journal is over its limit; retry shortly.", ex);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or IOException or TimeoutException)
        {
            health.Failed("journal write", ex);
            throw new BoardLogUnavailableException("The entry could not be stored; retry.", ex);
        }

        health.Succeeded();
    }

    public async ValueTask<IReadOnlyList<LogEntry>> ReadAfterAsync(string boardId, long afterSeq, CancellationToken cancellationToken) =>
        await journal.ReadAfterAsync(boardId, afterSeq, cancellationToken);
}
