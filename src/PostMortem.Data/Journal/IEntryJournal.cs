using PostMortem.Core.Log;

namespace PostMortem.Data.Journal;

/// <summary>
/// Durability for the embedded (in-process) board log: the log journals each entry and waits for it before the
/// entry's outcome is sent, so a restart — even SIGKILL — loses nothing a participant saw accepted. Two
/// implementations, one contract (Data.Tests' EntryJournalContract): <see cref="EntryJournal"/> in the database
/// (EF Core, SQLite or SQL Server) and <see cref="InMemoryEntryJournal"/> without one. The Redis log needs none: its
/// entries live in Redis.
/// </summary>
public interface IEntryJournal
{
    /// <summary>
    /// Returns once the entry is durable. Appending the same (board, seq) again with an equal entry is a no-op; with a
    /// different entry it throws <see cref="InvalidOperationException"/> (two writers disagree about the log: a bug).
    /// When storage refuses the write it throws <see cref="Storage.StorageUnavailableException"/>: nothing was stored.
    /// </summary>
    Task AppendAsync(string boardId, LogEntry entry, CancellationToken cancellationToken);

    /// <summary>Journaled entries with Seq &gt; afterSeq, in order.</summary>
    Task<IReadOnlyList<LogEntry>> ReadAfterAsync(string boardId, long afterSeq, CancellationToken cancellationToken);
}
