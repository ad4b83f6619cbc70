using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Data.Journal;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

public sealed class LocalBoardLogTests
{
    private static readonly PendingEntry Leave = new("actor", "op", new Leave());

    [Fact]
    public async Task EntryIsJournaledBeforeSubscribersSeeIt()
    {
        var journal = new InMemoryEntryJournal();
        var log = new LocalBoardLog(TimeProvider.System, journal);
        var seenJournaled = new List<bool>();
        await using var subscription = await log.SubscribeAsync("b1", async entry =>
            seenJournaled.Add((await journal.ReadAfterAsync("b1", entry.Seq - 1, CancellationToken.None)).Any(e => e.Seq == entry.Seq)), CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync("b1", Leave with { ClientOpId = $"op{i}" }, CancellationToken.None);
        }

        Assert.Equal([true, true, true], seenJournaled);
    }

    [Fact]
    public async Task JournalFailureDoesNotUseTheSequenceNumber()
    {
        var journal = new RecordingJournal();
        var log = new LocalBoardLog(TimeProvider.System, journal);
        await log.AppendAsync("b1", Leave, CancellationToken.None);
        journal.Fail = true;
        await Assert.ThrowsAsync<IOException>(async () => await log.AppendAsync("b1", Leave, CancellationToken.None));
        journal.Fail = false;

        var next = await log.AppendAsync("b1", Leave, CancellationToken.None);
        Assert.Equal(2, next.Seq);
        Assert.Equal([1L, 2L], (await log.ReadAsync("b1", 0, 10, CancellationToken.None)).Select(e => e.Seq));
    }

    [Fact]
    public async Task ABoardIsHydratedFromTheJournalOnFirstUse()
    {
        // What a restart looks like: a new log over the same journal.
        var journal = new InMemoryEntryJournal();
        var first = new LocalBoardLog(TimeProvider.System, journal);
        for (var i = 0; i < 4; i++)
        {
            await first.AppendAsync("b1", Leave with { ClientOpId = $"op{i}" }, CancellationToken.None);
        }

        var restarted = new LocalBoardLog(TimeProvider.System, journal);
        Assert.Equal(4, await restarted.LastSeqAsync("b1", CancellationToken.None));
        Assert.Equal(["op2", "op3"], (await restarted.ReadAsync("b1", 2, 10, CancellationToken.None)).Select(e => e.ClientOpId));
        Assert.Equal(5, (await restarted.AppendAsync("b1", Leave, CancellationToken.None)).Seq);
        Assert.Equal(0, await restarted.LastSeqAsync("unknown", CancellationToken.None));
    }

    [Fact]
    public async Task UnloadedBoardComesBackFromTheJournalWithoutReusingASequenceNumber()
    {
        var journal = new InMemoryEntryJournal();
        var log = new LocalBoardLog(TimeProvider.System, journal);
        await log.AppendAsync("b1", Leave, CancellationToken.None);
        await log.AppendAsync("b1", Leave with { ClientOpId = "op2" }, CancellationToken.None);
        var subscription = await log.SubscribeAsync("b1", _ => ValueTask.CompletedTask, CancellationToken.None);
        Assert.False(log.TryUnload("b1")); // still subscribed
        await subscription.DisposeAsync();
        Assert.True(log.TryUnload("b1"));

        Assert.Equal(3, (await log.AppendAsync("b1", Leave with { ClientOpId = "op3" }, CancellationToken.None)).Seq);
        Assert.Equal(3, (await journal.ReadAfterAsync("b1", 0, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ConcurrentAppendsAreGaplessAndDeliveredInOrder()
    {
        var log = new LocalBoardLog(TimeProvider.System, new InMemoryEntryJournal());
        var delivered = new List<long>();
        await using var subscription = await log.SubscribeAsync("b1", e =>
        {
            lock (delivered)
            {
                delivered.Add(e.Seq);
            }

            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        var entries = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => log.AppendAsync("b1", Leave with { ClientOpId = $"op{i}" }, CancellationToken.None).AsTask()));

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), entries.Select(e => e.Seq).Order());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), delivered);
    }

    [Fact]
    public async Task AppendsArrivingDuringACommitAreJournaledTogetherAndDeliveredInOrder()
    {
        // Group commit: while entry 1's commit is stuck, later appends must not wait for it one by one;
        // they are handed to the journal together as soon as it is free, and still delivered in order.
        var journal = new GatedJournal();
        var log = new LocalBoardLog(TimeProvider.System, journal);
        var delivered = new List<long>();
        await using var subscription = await log.SubscribeAsync("b1", e =>
        {
            lock (delivered)
            {
                delivered.Add(e.Seq);
            }

            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        var first = log.AppendAsync("b1", Leave with { ClientOpId = "op0" }, CancellationToken.None).AsTask();
        await journal.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var rest = Enumerable.Range(1, 5).Select(i => log.AppendAsync("b1", Leave with { ClientOpId = $"op{i}" }, CancellationToken.None).AsTask()).ToArray();
        Assert.Equal(1, journal.InFlight);

        journal.Release.SetResult();
        var entries = await Task.WhenAll(rest.Prepend(first)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], entries.Select(e => e.Seq));
        Assert.Equal(["op0", "op1", "op2", "op3", "op4", "op5"], entries.Select(e => e.ClientOpId));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], delivered);
    }

    /// <summary>
    /// Holds the first append until released; every later append completes only once all of them have
    /// started, which happens only if the log hands them to the journal together (one at a time it times out).
    /// </summary>
    private sealed class GatedJournal : IEntryJournal
    {
        private const int Total = 6;
        private readonly InMemoryEntryJournal _inner = new();
        private readonly TaskCompletionSource _allStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _calls;

        public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int InFlight => Volatile.Read(ref _inFlight);

        public async Task AppendAsync(string boardId, LogEntry entry, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _inFlight);
            var call = Interlocked.Increment(ref _calls);
            // Stored in call order, as a real journal queues them; completion is what the gates delay.
            await _inner.AppendAsync(boardId, entry, cancellationToken);
            if (call == 1)
            {
                FirstStarted.SetResult();
                await Release.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }
            else
            {
                if (call == Total)
                {
                    _allStarted.SetResult();
                }

                await _allStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }

            Interlocked.Decrement(ref _inFlight);
        }

        public Task<IReadOnlyList<LogEntry>> ReadAfterAsync(string boardId, long afterSeq, CancellationToken cancellationToken) =>
            _inner.ReadAfterAsync(boardId, afterSeq, cancellationToken);
    }
}
