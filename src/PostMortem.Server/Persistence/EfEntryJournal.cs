using PostMortem.Core.Log;
using PostMortem.Data.Journal;

namespace PostMortem.Server.Persistence;

/// <summary>The embedded log's journal in the database (PostMortem.Data's <see cref="EntryJournal"/>):
/// an append returns once the entry is committed, batched with whatever other boards append meanwhile.</summary>
internal sealed class EfEntryJournal(EntryJournal journal) : IEntryJournal
{
    public ValueTask AppendAsync(string boardId, LogEntry entry, CancellationToken cancellationToken) =>
        new(journal.AppendAsync(boardId, entry, cancellationToken));

    public async ValueTask<IReadOnlyList<LogEntry>> ReadAfterAsync(string boardId, long afterSeq, CancellationToken cancellationToken) =>
        await journal.ReadAfterAsync(boardId, afterSeq, cancellationToken);
}
