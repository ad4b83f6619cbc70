using PostMortem.Core;
using PostMortem.Core.Log;
using PostMortem.Data.Journal;
using PostMortem.Data.Snapshots;

namespace PostMortem.Server.Tests.Infrastructure;

/// <summary>
/// An in-memory journal that records, at the moment each entry is journaled, whether anything downstream
/// could already have seen it (<see cref="SeenDownstream"/> is set by the test to read the log/replica).
/// Can be told to fail.
/// </summary>
public sealed class RecordingJournal : IEntryJournal
{
    private readonly InMemoryEntryJournal _inner = new();
    private readonly Lock _lock = new();
    private readonly List<(string BoardId, long Seq)> _appended = [];
    private readonly List<string> _violations = [];

    public Func<string, long, bool>? SeenDownstream { get; set; }

    public volatile bool Fail;

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_lock)
            {
                return [.. _violations];
            }
        }
    }

    public bool Contains(string boardId, long seq)
    {
        lock (_lock)
        {
            return _appended.Contains((boardId, seq));
        }
    }

    public int CountFor(string boardId)
    {
        lock (_lock)
        {
            return _appended.Count(a => a.BoardId == boardId);
        }
    }

    public async Task AppendAsync(string boardId, LogEntry entry, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new IOException("journal unavailable (test)");
        }

        if (SeenDownstream?.Invoke(boardId, entry.Seq) == true)
        {
            lock (_lock)
            {
                _violations.Add($"{boardId}#{entry.Seq} was visible before it was journaled");
            }
        }

        await _inner.AppendAsync(boardId, entry, cancellationToken);
        lock (_lock)
        {
            _appended.Add((boardId, entry.Seq));
        }
    }

    public Task<IReadOnlyList<LogEntry>> ReadAfterAsync(string boardId, long afterSeq, CancellationToken cancellationToken) =>
        _inner.ReadAfterAsync(boardId, afterSeq, cancellationToken);
}

/// <summary>In-memory snapshots that signal each save.</summary>
public sealed class RecordingSnapshotStore : ISnapshotStore
{
    private readonly InMemorySnapshotStore _inner = new();
    private readonly Lock _lock = new();
    private readonly List<BoardSnapshot> _saved = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<BoardSnapshot?> LoadLatestAsync(string boardId, CancellationToken cancellationToken) => _inner.LoadLatestAsync(boardId, cancellationToken);

    public async Task<bool> SaveAsync(BoardSnapshot snapshot, CancellationToken cancellationToken)
    {
        var stored = await _inner.SaveAsync(snapshot, cancellationToken);
        TaskCompletionSource changed;
        lock (_lock)
        {
            _saved.Add(snapshot);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return stored;
    }

    /// <summary>Waits until a snapshot of <paramref name="boardId"/> at or above <paramref name="seq"/> was saved.</summary>
    public async Task<BoardSnapshot> WaitForSavedAsync(string boardId, long seq)
    {
        using var timeout = new CancellationTokenSource(HubTestClient.Timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_saved.LastOrDefault(s => s.BoardId == boardId && s.Seq >= seq) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(timeout.Token);
        }
    }
}
