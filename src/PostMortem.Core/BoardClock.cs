using PostMortem.Core.Model;

namespace PostMortem.Core;

/// <summary>
/// Reading the phase timer against a given "now" (the server clock, or a client's clock corrected by its
/// offset). "Time is up" is only ever shown: it never blocks anyone.
/// </summary>
public static class BoardClock
{
    /// <summary>Milliseconds left at <paramref name="now"/>: 0 when idle or run out.</summary>
    public static long RemainingMsAt(this TimerState timer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return timer.Status switch
        {
            TimerStatus.Running when timer.EndsAt is { } end => Math.Max(0L, (long)Math.Ceiling((end - now).TotalMilliseconds)),
            TimerStatus.Paused => Math.Max(0L, timer.RemainingMs),
            _ => 0L,
        };
    }

    /// <summary>A started timer has reached zero (an idle timer is never up).</summary>
    public static bool IsUp(this TimerState timer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return timer.Status switch
        {
            TimerStatus.Running => timer.EndsAt is not { } end || now >= end,
            TimerStatus.Paused => timer.RemainingMs <= 0,
            _ => false,
        };
    }
}
