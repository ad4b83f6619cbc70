using Microsoft.Extensions.Options;
using PostMortem.Server.Options;

namespace PostMortem.Server.Boards;

/// <summary>
/// How many commands this instance holds between arrival and answer (<c>Limits:SubmitsInFlight</c>). Over the limit a
/// command is shed at once with <see cref="BoardOverloadedException"/>: the sender hears "unavailable, retry after …"
/// in microseconds instead of waiting in a queue that grows with the load.
/// </summary>
internal sealed class SubmitAdmission(IOptions<LimitsOptions> limits)
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>A slot, or false when <c>Limits:SubmitsInFlight</c> are taken. A true answer must be followed by <see cref="Exit"/>.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= limits.Value.SubmitsInFlight)
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    /// <summary><c>Limits:ShedRetryAfter</c> plus up to half of it at random, so shed senders spread their retries.</summary>
    public TimeSpan RetryAfter()
    {
        var least = limits.Value.ShedRetryAfter;
        return least + TimeSpan.FromTicks(Random.Shared.NextInt64((least.Ticks / 2) + 1));
    }
}

/// <summary>This instance is over a limit (commands in flight, the journal's queue): nothing was decided or stored;
/// the same clientOpId may be sent again after <see cref="RetryAfter"/>.</summary>
internal sealed class BoardOverloadedException(string message, TimeSpan retryAfter, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
