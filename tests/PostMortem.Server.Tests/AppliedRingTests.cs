using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Server.Boards;

namespace PostMortem.Server.Tests;

/// <summary>The per-board ring of recent entries (R4): grows as entries come, keeps exactly the last N in order.</summary>
public sealed class AppliedRingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(5, 3)] // smaller than the first array
    [InlineData(100, 37)] // grows 16 → 32 → 64 → 100, not yet full
    [InlineData(100, 100)] // exactly full
    [InlineData(100, 1_000)] // full and wrapped many times
    public void HoldsExactlyTheLastEntriesUpToItsCapacity(int capacity, int added)
    {
        var ring = new AppliedRing(capacity);
        for (var seq = 1L; seq <= added; seq++)
        {
            ring.Add(Entry(seq));
        }

        var first = Math.Max(1, added - capacity + 1);
        Assert.False(ring.TryGet(first - 1, out _));
        Assert.False(ring.TryGet(added + 1, out _));
        Assert.True(ring.TryGetRange(first - 1, added, out var held));
        Assert.Equal(Enumerable.Range(first, added - first + 1).Select(s => (long)s), held.Select(e => e.Seq));
        Assert.False(ring.TryGetRange(first - 2, added, out _)); // one more than it holds
    }

    [Fact]
    public void GrowingKeepsTheOrderWhenTheArrayHadWrapped()
    {
        // Full at 16 only after wrapping is impossible (it grows first), so wrap at the capacity, then check a range
        // that spans the wrap point.
        var ring = new AppliedRing(20);
        for (var seq = 1L; seq <= 47; seq++)
        {
            ring.Add(Entry(seq));
        }

        Assert.True(ring.TryGetRange(30, 47, out var held));
        Assert.Equal(Enumerable.Range(31, 17).Select(s => (long)s), held.Select(e => e.Seq));
    }

    [Fact]
    public void ADiscontinuityStartsTheRingAfresh()
    {
        var ring = new AppliedRing(50);
        for (var seq = 1L; seq <= 30; seq++)
        {
            ring.Add(Entry(seq));
        }

        ring.Add(Entry(100));

        Assert.False(ring.TryGet(30, out _));
        Assert.True(ring.TryGet(100, out var entry));
        Assert.Equal(100, entry.Seq);
    }

    private static AppliedEntry Entry(long seq) =>
        AppliedEntry.Create(new ApplyResult(new LogEntry(seq, T0.AddSeconds(seq), "fac", $"op{seq}", new SetReady(true)), Outcome.Accepted(), []));
}
