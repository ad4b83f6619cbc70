namespace PostMortem.Server.Boards;

/// <summary>Rate limit per connection: <c>rate</c> tokens a second, at most <c>burst</c> saved up.</summary>
internal sealed class TokenBucket(double ratePerSecond, int burst, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private double _tokens = burst;
    private long _last = clock.GetTimestamp();

    public bool TryTake()
    {
        lock (_lock)
        {
            var now = clock.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + (clock.GetElapsedTime(_last, now).TotalSeconds * ratePerSecond));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
