namespace PostMortem.Server.Boards;

/// <summary>
/// What one replica applied recently, and the commands waiting for their entry to be applied: a command's
/// answer is the replica's outcome for its entry (never a guess), and a reconnecting client gets exactly the
/// entries it missed while they are still held (rule R4).
/// </summary>
internal sealed class AppliedEntries(long appliedSeq, int capacity)
{
    private readonly Lock _gate = new();
    private readonly AppliedRing _recent = new(capacity);
    private readonly Dictionary<long, TaskCompletionSource<AppliedEntry?>> _waiters = [];
    private long _appliedSeq = appliedSeq;
    private Exception? _failure;

    public bool HasWaiters
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count > 0;
            }
        }
    }

    /// <summary>Records an entry the replica has just applied and wakes whoever waits for it.</summary>
    public void Add(AppliedEntry applied)
    {
        TaskCompletionSource<AppliedEntry?>? waiter;
        lock (_gate)
        {
            _recent.Add(applied);
            _appliedSeq = applied.Seq;
            _waiters.Remove(applied.Seq, out waiter);
        }

        waiter?.TrySetResult(applied);
    }

    /// <summary>The replica jumped to a snapshot at <paramref name="seq"/>: the entries up to it are not held
    /// one by one, so whoever waits for one of them gets null (applied, outcome unknown here).</summary>
    public void JumpTo(long seq)
    {
        List<TaskCompletionSource<AppliedEntry?>>? passed = null;
        lock (_gate)
        {
            _recent.Clear();
            _appliedSeq = seq;
            foreach (var waited in _waiters.Keys.Where(s => s <= seq).ToList())
            {
                _waiters.Remove(waited, out var waiter);
                (passed ??= []).Add(waiter!);
            }
        }

        passed?.ForEach(w => w.TrySetResult(null));
    }

    /// <summary>
    /// The outcome of entry <paramref name="seq"/> once it is applied; null when it was applied long ago (outside
    /// the recent entries). Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public Task<AppliedEntry?> WaitAsync(long seq, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        TaskCompletionSource<AppliedEntry?> waiter;
        lock (_gate)
        {
            if (_failure is not null)
            {
                return Task.FromException<AppliedEntry?>(_failure);
            }

            if (seq <= _appliedSeq)
            {
                return Task.FromResult(_recent.TryGet(seq, out var applied) ? applied : null);
            }

            if (!_waiters.TryGetValue(seq, out waiter!))
            {
                waiter = new TaskCompletionSource<AppliedEntry?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add(seq, waiter);
            }
        }

        return waiter.Task.WaitAsync(timeout, clock, cancellationToken);
    }

    /// <summary>The applied entry at <paramref name="seq"/>, while it is still held.</summary>
    public bool TryGet(long seq, out AppliedEntry entry)
    {
        lock (_gate)
        {
            return _recent.TryGet(seq, out entry);
        }
    }

    /// <summary>The entries after <paramref name="afterSeq"/> up to <paramref name="upToSeq"/>, when all are still held.</summary>
    public bool TryGetRange(long afterSeq, long upToSeq, out List<AppliedEntry> entries)
    {
        lock (_gate)
        {
            return _recent.TryGetRange(afterSeq, upToSeq, out entries);
        }
    }

    /// <summary>Fails every waiter, now and later, with <paramref name="failure"/> (the replica is gone).</summary>
    public void FailAll(Exception failure)
    {
        TaskCompletionSource<AppliedEntry?>[] waiters;
        lock (_gate)
        {
            _failure ??= failure;
            waiters = [.. _waiters.Values];
            _waiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetException(failure);
        }
    }
}
