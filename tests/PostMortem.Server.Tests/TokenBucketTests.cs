using PostMortem.Server.Boards;

namespace PostMortem.Server.Tests;

/// <summary>The per-connection rate limit (docs/PROTOCOL.md R11) on a clock the test moves.</summary>
public sealed class TokenBucketTests
{
    [Fact]
    public void BucketRefusesBeyondItsBurstAndRefillsAtItsRate()
    {
        var clock = new ManualClock();
        var bucket = new TokenBucket(ratePerSecond: 20, burst: 40, clock);

        Assert.Equal(40, Enumerable.Range(0, 100).Count(_ => bucket.TryTake()));
        Assert.False(bucket.TryTake());

        // 20 a second: one more every 50 ms, never more than the burst saved up.
        clock.Advance(TimeSpan.FromMilliseconds(45));
        Assert.False(bucket.TryTake());
        clock.Advance(TimeSpan.FromMilliseconds(10));
        Assert.True(bucket.TryTake());
        Assert.False(bucket.TryTake());

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(40, Enumerable.Range(0, 100).Count(_ => bucket.TryTake()));
    }

    /// <summary>Only the timestamp moves; that is all the bucket reads.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _timestamp;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _timestamp;

        public void Advance(TimeSpan by) => _timestamp += by.Ticks;
    }
}
