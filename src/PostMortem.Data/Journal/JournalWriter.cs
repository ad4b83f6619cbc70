using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PostMortem.Data.Internal;

namespace PostMortem.Data.Journal;

/// <summary>
/// The journal's one writer: a dedicated thread that takes whatever appends of all boards are waiting and commits
/// them in one transaction (one fsync with SQLite WAL + synchronous=FULL), with plain ADO.NET commands prepared
/// once (<see cref="JournalConnection"/>). The database's blocking calls — SQLite's fsync runs inside Commit even
/// on the "async" API — stay on this thread, never on the thread pool that serves connections.
///
/// Bounded: appends accepted and not yet answered never exceed the limit; beyond it an append fails at once with
/// <see cref="JournalOverloadedException"/> (nothing stored: the caller answers "unavailable", the client retries)
/// instead of waiting behind a queue that only grows. A board's journal stays gapless: once an entry of a board
/// is shed or fails to be written, later entries of that board are refused until that sequence number is appended
/// again (the embedded log reuses a failed entry's seq for the next append).
/// </summary>
internal sealed class JournalWriter : IAsyncDisposable
{
    /// <summary>Upper bound on one transaction, so one huge burst does not hold every caller hostage.</summary>
    internal const int MaxBatch = 1024;

    private readonly IDbContextFactory<PostMortemDbContext> _contexts;
    private readonly ILogger _logger;
    private readonly int _maxQueued;
    private readonly Lock _lock = new();
    private readonly Queue<JournalAppend> _queue = new();
    // No spinning before the wait: on two shared cores a spinning writer takes CPU from the request threads.
    private readonly ManualResetEventSlim _wake = new(initialState: false, spinCount: 0);
    // Board id -> lowest seq that was shed or failed; later seqs of that board are refused until it is retried.
    private readonly Dictionary<string, long> _refusedFrom = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private bool _completing;
    private long _batches;

    public JournalWriter(IDbContextFactory<PostMortemDbContext> contexts, ILogger logger, int maxQueued)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueued, 1);
        _contexts = contexts;
        _logger = logger;
        _maxQueued = maxQueued;
        var thread = new Thread(Run) { IsBackground = true, Name = "PostMortem journal writer" };
        thread.Start();
    }

    /// <summary>Transactions committed so far (tests observe batching through it).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Appends accepted and not yet answered.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Queues the entry; the task completes once it is durable, or fails (shed, refused, not written).</summary>
    public Task AppendAsync(string boardId, long seq, string json)
    {
        var append = new JournalAppend(boardId, seq, json);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_completing, this);
            if (_refusedFrom.TryGetValue(boardId, out var from))
            {
                if (seq > from)
                {
                    return Task.FromException(new JournalOverloadedException(
                        $"An earlier entry of this board (seq {from}) was not journaled; seq {seq} cannot be written before it."));
                }

                if (seq == from)
                {
                    _refusedFrom.Remove(boardId); // the missing entry is being retried: the board may go on after it
                }
            }

            if (_inFlight >= _maxQueued)
            {
                _refusedFrom[boardId] = seq;
                return Task.FromException(new JournalOverloadedException(
                    $"The journal has {_inFlight} appends waiting (limit {_maxQueued}); nothing was stored, retry shortly."));
            }

            _inFlight++;
            _queue.Enqueue(append);
            _wake.Set();
        }

        return append.Done.Task;
    }

    /// <summary>Writes what was accepted, then stops the thread. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _completing = true;
            _wake.Set();
        }

        // The event is left to the collector: a late Set (a second dispose) must not meet a disposed event, and
        // with no spinning it never allocates a kernel handle.
        await _stopped.Task;
    }

    private void Run()
    {
        var batch = new List<JournalAppend>(MaxBatch);
        JournalConnection? connection = null;
        try
        {
            while (true)
            {
                batch.Clear();
                bool stop;
                lock (_lock)
                {
                    while (batch.Count < MaxBatch && _queue.TryDequeue(out var append))
                    {
                        batch.Add(append);
                    }

                    stop = batch.Count == 0 && _completing;
                    if (batch.Count == 0)
                    {
                        _wake.Reset(); // under the lock: an append after this sets it again
                    }
                }

                if (stop)
                {
                    return;
                }

                if (batch.Count == 0)
                {
                    _wake.Wait();
                    continue;
                }

                connection = Write(batch, connection);
                Answer(batch);
            }
        }
        catch (Exception e)
        {
            // Not expected (Write answers every failure through the appends); nobody waiting may hang.
            FailAll(batch, e);
            lock (_lock)
            {
                _completing = true;
                while (_queue.TryDequeue(out var append))
                {
                    batch.Add(append);
                }
            }

            FailAll(batch, e);
        }
        finally
        {
            connection?.Dispose();
            _stopped.TrySetResult();
        }
    }

    /// <summary>Commits the batch as one transaction; when that fails, entry by entry so one bad entry fails only
    /// its own caller. Returns the connection to keep using (null after a failure: the next batch starts afresh).</summary>
    private JournalConnection? Write(List<JournalAppend> batch, JournalConnection? connection)
    {
        try
        {
            connection ??= JournalConnection.Open(_contexts);
            connection.Commit(batch);
            Interlocked.Increment(ref _batches);
            foreach (var append in batch)
            {
                append.Written = true;
            }

            return connection;
        }
        catch (Exception e)
        {
            // A duplicate, a lost connection, a full disk: drop the connection and write each entry alone.
            connection?.Dispose();
            connection = null;
            DataLog.JournalBatchFailed(_logger, e, batch.Count);
        }

        var failedBoards = new HashSet<string>(StringComparer.Ordinal);
        foreach (var append in batch)
        {
            if (failedBoards.Contains(append.BoardId))
            {
                // Written after an earlier entry of its board failed, it would leave a gap in that board's journal.
                append.Failure = new JournalOverloadedException($"An earlier entry of this board was not journaled; seq {append.Seq} was not written.");
                continue;
            }

            try
            {
                connection ??= JournalConnection.Open(_contexts);
                var stored = connection.CommitOneOrRead(append);
                if (stored is not null && !string.Equals(stored, append.Json, StringComparison.Ordinal))
                {
                    append.Failure = new InvalidOperationException(
                        $"Journal already holds a different entry at seq {append.Seq} of board {append.BoardId}.");
                    continue;
                }

                Interlocked.Increment(ref _batches);
                append.Written = true;
            }
            catch (Exception e)
            {
                connection?.Dispose();
                connection = null;
                append.Failure = e;
                failedBoards.Add(append.BoardId);
            }
        }

        return connection;
    }

    private void Answer(List<JournalAppend> batch)
    {
        lock (_lock)
        {
            _inFlight -= batch.Count;
            foreach (var append in batch)
            {
                if (!append.Written && append.Failure is not InvalidOperationException &&
                    (!_refusedFrom.TryGetValue(append.BoardId, out var from) || append.Seq < from))
                {
                    _refusedFrom[append.BoardId] = append.Seq;
                }
            }
        }

        // Outside the lock; continuations run on the thread pool (RunContinuationsAsynchronously).
        foreach (var append in batch)
        {
            if (append.Written)
            {
                append.Done.TrySetResult();
            }
            else
            {
                append.Done.TrySetException(append.Failure ?? new InvalidOperationException("The entry was not journaled."));
            }
        }
    }

    private void FailAll(List<JournalAppend> appends, Exception e)
    {
        lock (_lock)
        {
            _inFlight -= appends.Count(a => !a.Done.Task.IsCompleted);
        }

        foreach (var append in appends)
        {
            append.Done.TrySetException(e);
        }

        appends.Clear();
    }
}

/// <summary>One entry on its way to the journal.</summary>
internal sealed class JournalAppend(string boardId, long seq, string json)
{
    public string BoardId { get; } = boardId;

    public long Seq { get; } = seq;

    public string Json { get; } = json;

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by the writer thread before <see cref="Done"/> completes.</summary>
    public bool Written { get; set; }

    public Exception? Failure { get; set; }
}
