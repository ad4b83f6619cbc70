namespace PostMortem.Server.Presence;

/// <summary>
/// Coalesces one board's presence on this instance. Every participant's latest update replaces their previous
/// one, and at most one batch per <c>interval</c> goes out: the first update after a quiet interval leaves at
/// once, later ones wait for the end of the interval. A batch is sent to this instance's connections (each
/// without its own participant's update) and this instance's part of it is published to the other instances,
/// whose batches join the next local one (and are never published again).
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
    private readonly Action<IReadOnlyList<PresenceUpdate>> _publish;
    private Dictionary<string, PresenceUpdate> _local = new(StringComparer.Ordinal);
    private Dictionary<string, PresenceUpdate> _remote = new(StringComparer.Ordinal);
    private long _lastFlush = long.MinValue;
    private bool _scheduled;
    private bool _disposed;

    /// <param name="send">Delivers a batch to this instance's connections.</param>
    /// <param name="publish">Hands this instance's updates to the relay.</param>
    public PresenceMixer(TimeProvider clock, TimeSpan interval, Action<PresenceBatch> send, Action<IReadOnlyList<PresenceUpdate>> publish)
    {
        _clock = clock;
        _interval = interval;
        _send = send;
        _publish = publish;
        _timer = clock.CreateTimer(static s => ((PresenceMixer)s!).Flush(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>An update from a connection on this instance.</summary>
    public void AddLocal(PresenceUpdate update) => Add(update, remote: false);

    /// <summary>Updates another instance published.</summary>
    public void AddRemote(IReadOnlyList<PresenceUpdate> updates)
    {
        foreach (var update in updates)
        {
            Add(update, remote: true);
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
        Dictionary<string, PresenceUpdate> local, remote;
        lock (_lock)
        {
            _scheduled = false;
            if (_disposed || (_local.Count == 0 && _remote.Count == 0))
            {
                return;
            }

            (local, _local) = (_local, new Dictionary<string, PresenceUpdate>(StringComparer.Ordinal));
            (remote, _remote) = (_remote, new Dictionary<string, PresenceUpdate>(StringComparer.Ordinal));
            _lastFlush = _clock.GetTimestamp();
        }

        // A participant's own instance knows best: a local update wins over a relayed one for the same person.
        foreach (var (participant, update) in local)
        {
            remote[participant] = update;
        }

        _send(new PresenceBatch([.. remote.Values]));
        if (local.Count > 0)
        {
            _publish([.. local.Values]);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _local.Clear();
            _remote.Clear();
        }

        _timer.Dispose();
    }

    private void Add(PresenceUpdate update, bool remote)
    {
        bool flushNow;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            (remote ? _remote : _local)[update.ParticipantId] = update;
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
}

/// <summary>What the hub sends as <c>presence</c>: the latest update of each participant who moved.</summary>
public sealed record PresenceBatch(IReadOnlyList<PresenceUpdate> Updates);
