namespace PostMortem.Server.Presence;

/// <summary>
/// Coalesces one board's presence on this instance. Every participant's latest update replaces their previous
/// one, and at most one batch per <c>interval</c> goes out: the first update after a quiet interval leaves at
/// once, later ones wait for the end of the interval. A batch goes to the board's connections on every instance
/// (<see cref="IPresenceBroadcast"/>); each instance batches its own connections' updates.
/// <para>Why: with N people moving cursors at 10 Hz, relaying each move costs N × (N − 1) sends a tenth of a
/// second apart; a batch costs N per interval, however many moved. A cursor is at most one interval older than
/// it could be (50 ms by default) — below what a remote participant on a video call can see.</para>
/// </summary>
internal sealed class PresenceMixer : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Lock _flushLock = new(); // batches leave one at a time, in order
    private readonly TimeProvider _clock;
    private readonly TimeSpan _interval;
    private readonly ITimer _timer;
    private readonly Action<PresenceBatch> _send;
    private Dictionary<string, PresenceUpdate> _pending = new(StringComparer.Ordinal);
    private long _lastFlush = long.MinValue;
    private bool _scheduled;
    private bool _disposed;

    /// <param name="send">Delivers a batch to the board's connections.</param>
    public PresenceMixer(TimeProvider clock, TimeSpan interval, Action<PresenceBatch> send)
    {
        _clock = clock;
        _interval = interval;
        _send = send;
        _timer = clock.CreateTimer(static s => ((PresenceMixer)s!).Flush(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>An update from a connection on this instance.</summary>
    public void Add(PresenceUpdate update)
    {
        bool flushNow;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _pending[update.ParticipantId] = update;
            if (_scheduled)
            {
                return;
            }

            var sinceLast = _lastFlush == long.MinValue ? _interval : _clock.GetElapsedTime(_lastFlush);
            flushNow = sinceLast >= _interval;
            if (!flushNow)
            {
                _scheduled = true;
                _timer.Change(_interval - sinceLast, Timeout.InfiniteTimeSpan);
            }
        }

        if (flushNow)
        {
            Flush();
        }
    }

    /// <summary>Sends what is pending now (the timer's callback; also used at the leading edge).</summary>
    public void Flush()
    {
        lock (_flushLock)
        {
            FlushHeld();
        }
    }

    private void FlushHeld()
    {
        Dictionary<string, PresenceUpdate> pending;
        lock (_lock)
        {
            _scheduled = false;
            if (_disposed || _pending.Count == 0)
            {
                return;
            }

            (pending, _pending) = (_pending, new Dictionary<string, PresenceUpdate>(StringComparer.Ordinal));
            _lastFlush = _clock.GetTimestamp();
        }

        _send(new PresenceBatch([.. pending.Values]));
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _pending.Clear();
        }

        _timer.Dispose();
    }
}
