using PostMortem.Core;
using PostMortem.Core.Log;

namespace PostMortem.Data.Journal;

/// <summary>The journal in process memory: the server's default until a database is configured, and the tests'.
/// Survives unloading a board, not a restart.</summary>
public sealed class InMemoryEntryJournal : IEntryJournal
{
    private readonly Dictionary<string, SortedList<long, LogEntry>> _boards = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task AppendAsync(string boardId, LogEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            if (!_boards.TryGetValue(boardId, out var entries))
            {
                entries = [];
                _boards.Add(boardId, entries);
            }

            if (entries.TryGetValue(entry.Seq, out var stored))
            {
                // Compared as stored, like the database journal (a record's list fields compare by reference).
                return string.Equals(CoreJson.SerializeEntry(stored), CoreJson.SerializeEntry(entry), StringComparison.Ordinal)
                    ? Task.CompletedTask
                    : Task.FromException(new InvalidOperationException($"Journal already holds a different entry at seq {entry.Seq} of board {boardId}."));
            }

            entries.Add(entry.Seq, entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LogEntry>> ReadAfterAsync(string boardId, long afterSeq, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<LogEntry> result = _boards.TryGetValue(boardId, out var entries)
                ? [.. entries.Values.Where(e => e.Seq > afterSeq)]
                : [];
            return Task.FromResult(result);
        }
    }
}
