using PostMortem.Core.Log;

namespace PostMortem.Server.Persistence;

/// <summary>
/// Durability for the embedded (in-process) board log: each entry is journaled before its outcome is
/// sent, so a restart — even SIGKILL — loses nothing a participant saw accepted. Implemented here by
/// <see cref="EfEntryJournal"/>, which forwards to PostMortem.Data's <c>EntryJournal</c> (EF Core, SQLite or
/// SQL Server), and by <see cref="InMemoryEntryJournal"/> without a database; the Redis log needs none (Redis
/// AOF holds its entries).
/// </summary>
public interface IEntryJournal
{
    ValueTask AppendAsync(string boardId, LogEntry entry, CancellationToken cancellationToken);

    /// <summary>Journaled entries with Seq &gt; afterSeq, in order.</summary>
    ValueTask<IReadOnlyList<LogEntry>> ReadAfterAsync(string boardId, long afterSeq, CancellationToken cancellationToken);
}
