namespace PostMortem.Client.Internal;

/// <summary>
/// The server clock's offset from ours (R12), NTP-style: the server read its clock about half-way through the round
/// trip. Of the last few samples the one with the shortest round trip is trusted: it had the least queueing in it.
/// </summary>
internal sealed class ClockOffset(int keep = 5)
{
    private readonly Queue<(double OffsetMs, double RoundTripMs)> _samples = new();

    public bool HasSample => _samples.Count > 0;

    public TimeSpan Offset
    {
        get
        {
            if (_samples.Count == 0)
            {
                return TimeSpan.Zero;
            }

            var best = _samples.MinBy(s => s.RoundTripMs);
            return TimeSpan.FromMilliseconds(best.OffsetMs);
        }
    }

    /// <param name="sentMs">Our Unix ms when the call left.</param>
    /// <param name="receivedMs">Our Unix ms when its answer came.</param>
    /// <param name="serverMs">The server's Unix ms in the answer.</param>
    public void Add(double sentMs, double receivedMs, double serverMs)
    {
        if (!double.IsFinite(sentMs) || !double.IsFinite(receivedMs) || !double.IsFinite(serverMs) || receivedMs < sentMs)
        {
            return;
        }

        _samples.Enqueue((serverMs - ((sentMs + receivedMs) / 2), receivedMs - sentMs));
        while (_samples.Count > keep)
        {
            _samples.Dequeue();
        }
    }
}
