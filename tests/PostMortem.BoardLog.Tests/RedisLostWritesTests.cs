using PostMortem.Core.Log;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Redis;
using StackExchange.Redis;

namespace PostMortem.BoardLog.Tests;

/// <summary>
/// Redis loses acknowledged writes (docs/SCALE-OUT.md, "When Redis loses acknowledged writes"): the write-back script
/// on its own, and a feed that delivered the lost entries writing them back or, when their numbers were taken,
/// rewinding its subscribers. The loss is made exactly with a script that leaves a board's keys as they were
/// <c>kept</c> entries in (what an AOF without its last second leaves); the cluster test does it with a real AOF.
/// </summary>
public sealed class RedisLostWritesTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string Prefix = "lost";
    private readonly List<IAsyncDisposable> _owned = [];
    private ConnectionMultiplexer _raw = null!;

    public async Task InitializeAsync() => _raw = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WithTimeout();

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync().AsTask().WithTimeout();
        }

        _raw.Dispose();
    }

    [Fact]
    public async Task TheWriteBackStoresEachLostEntryUnderItsOwnNumberOnceWhoeverWritesFirst()
    {
        var a = await CreateAsync();
        var b = await CreateAsync();
        var board = Entries.NewBoardId();
        for (var i = 1; i <= 5; i++)
        {
            await a.AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout();
        }

        var before = await a.Log.ReadStoredAsync(board, 0, 100, CancellationToken.None).WithTimeout();
        await ForgetAfterAsync(board, kept: 2);

        var first = await a.Log.RestoreAsync(board, before, CancellationToken.None).WithTimeout();
        var second = await b.Log.RestoreAsync(board, before, CancellationToken.None).WithTimeout();
        var again = await a.Log.RestoreAsync(board, before, CancellationToken.None).WithTimeout();

        Assert.Equal(new RestoreResult(RestoreStatus.Restored, 0, 5, 3), first);
        Assert.Equal(new RestoreResult(RestoreStatus.Restored, 0, 5, 0), second);
        Assert.Equal(second, again);
        Assert.Equal(before, await a.Log.ReadStoredAsync(board, 0, 100, CancellationToken.None).WithTimeout());
        // The written-back ops are recorded again: a late retry of one gets its entry back, not a second one.
        var retried = await b.AppendAsync(board, Entries.Note(4), CancellationToken.None).WithTimeout();
        Assert.Equal(4, retried.Seq);
        var next = await b.AppendAsync(board, Entries.Note(6), CancellationToken.None).WithTimeout();
        Assert.Equal(6, next.Seq);
    }

    [Fact]
    public async Task AWriterWhoseNumberAnotherEntryTookLearnsItLostAndChangesNothing()
    {
        var a = await CreateAsync();
        var b = await CreateAsync();
        var board = Entries.NewBoardId();
        for (var i = 1; i <= 5; i++)
        {
            await a.AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout();
        }

        var before = await a.Log.ReadStoredAsync(board, 0, 100, CancellationToken.None).WithTimeout();
        await ForgetAfterAsync(board, kept: 2);
        var other = await b.AppendAsync(board, Entries.Note(3, actor: "actor-2"), CancellationToken.None).WithTimeout();
        Assert.Equal(3, other.Seq);
        var afterOther = await a.Log.ReadStoredAsync(board, 0, 100, CancellationToken.None).WithTimeout();

        var lost = await a.Log.RestoreAsync(board, before, CancellationToken.None).WithTimeout();

        Assert.Equal(new RestoreResult(RestoreStatus.Conflict, 3, 3, 0), lost);
        Assert.Equal(afterOther, await a.Log.ReadStoredAsync(board, 0, 100, CancellationToken.None).WithTimeout());
    }

    [Fact]
    public async Task AWriteBackThatWouldLeaveAHoleWritesNothing()
    {
        var a = await CreateAsync();
        var board = Entries.NewBoardId();
        for (var i = 1; i <= 5; i++)
        {
            await a.AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout();
        }

        var before = await a.Log.ReadStoredAsync(board, 0, 100, CancellationToken.None).WithTimeout();
        await ForgetAfterAsync(board, kept: 2);

        var gap = await a.Log.RestoreAsync(board, before.Skip(3).ToList(), CancellationToken.None).WithTimeout();

        Assert.Equal(new RestoreResult(RestoreStatus.Gap, 4, 2, 0), gap);
        Assert.Equal(2, await a.LastSeqAsync(board, CancellationToken.None).WithTimeout());
    }

    [Fact]
    public async Task AnInstanceThatDeliveredTheLostEntriesRefusesToAppendBelowThemAndWritesThemBackFirst()
    {
        var logger = new CapturingLogger<RedisBoardLog>();
        var a = await CreateAsync(logger);
        var board = Entries.NewBoardId();
        var seen = new RewindCollector();
        await using var subscription = await a.Log.SubscribeAsync(board, seen.OnEntryAsync, seen.OnRewoundAsync, CancellationToken.None).WithTimeout();
        for (var i = 1; i <= 5; i++)
        {
            await a.AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout();
        }

        await seen.Entries.WaitForSeqAsync(5);
        var before = await a.Log.ReadStoredAsync(board, 0, 100, CancellationToken.None).WithTimeout();
        await ForgetAfterAsync(board, kept: 2);

        // Appending now would give op-6 the number 3, which this instance delivered as op-3.
        await Assert.ThrowsAsync<BoardLogUnavailableException>(() => a.AppendAsync(board, Entries.Note(6), CancellationToken.None).WithTimeout());
        await logger.WaitForEventAsync(4117);
        Assert.Equal(before, await a.Log.ReadStoredAsync(board, 0, 100, CancellationToken.None).WithTimeout());
        var sixth = await a.AppendAsync(board, Entries.Note(6), CancellationToken.None).WithTimeout();
        await seen.Entries.WaitForSeqAsync(6);

        Assert.Equal(6, sixth.Seq);
        Assert.Equal([1L, 2, 3, 4, 5, 6], seen.Entries.Seqs);
        Assert.Empty(seen.Rewinds);
        Assert.DoesNotContain(logger.Messages, m => m.Id.Id == 4118);
    }

    [Fact]
    public async Task WhenAnotherEntryTookALostNumberTheSubscriberRewindsAndTheLostEntriesFollowAtTheEnd()
    {
        var logger = new CapturingLogger<RedisBoardLog>();
        var a = await CreateAsync(logger);
        var fresh = await CreateAsync(); // an instance that never saw the lost entries: nothing fences its append
        var board = Entries.NewBoardId();
        var seen = new RewindCollector();
        await using var subscription = await a.Log.SubscribeAsync(board, seen.OnEntryAsync, seen.OnRewoundAsync, CancellationToken.None).WithTimeout();
        for (var i = 1; i <= 5; i++)
        {
            await a.AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout();
        }

        await seen.Entries.WaitForSeqAsync(5);
        await ForgetAfterAsync(board, kept: 2);

        var other = await fresh.AppendAsync(board, Entries.Note(7, actor: "actor-2"), CancellationToken.None).WithTimeout();
        Assert.Equal(3, other.Seq);
        await logger.WaitForEventAsync(4118);
        await seen.Entries.WaitForSeqAsync(6);

        // In the log: what survived, the entry that took number 3, then the lost ones offered again in their order.
        var log = await a.ReadAsync(board, 0, 100, CancellationToken.None).WithTimeout();
        Assert.Equal(["op-1", "op-2", "op-7", "op-3", "op-4", "op-5"], log.Select(e => e.ClientOpId));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), log.Select(e => e.Seq));
        Assert.Equal([2L], seen.Rewinds);
        // The subscriber saw 1–5, was told only 1–2 still stand, then received the log's 3–6.
        Assert.Equal([1L, 2, 3, 4, 5, 3, 4, 5, 6], seen.Entries.Seqs);
        Assert.Equal(log.Skip(2).Select(Entries.Json), seen.Entries.Entries.Skip(5).Select(Entries.Json));
        Assert.Equal(7, (await a.AppendAsync(board, Entries.Note(8), CancellationToken.None).WithTimeout()).Seq);
    }

    [Fact]
    public async Task AnInstanceMissingSomeLostEntriesWaitsForOneThatHoldsThemAndTheWriteBackHoldsNewAppends()
    {
        // Tail checks far apart: no timer fires during the test, and a write-back holds appends for two of them.
        var aLogger = new CapturingLogger<RedisBoardLog>();
        var bLogger = new CapturingLogger<RedisBoardLog>();
        var a = await CreateAsync(aLogger, TimeSpan.FromMinutes(5));
        var b = await CreateAsync(bLogger, TimeSpan.FromMinutes(5));
        var board = Entries.NewBoardId();
        var onA = new RewindCollector();
        await using var subscribedA = await a.Log.SubscribeAsync(board, onA.OnEntryAsync, onA.OnRewoundAsync, CancellationToken.None).WithTimeout();
        for (var i = 1; i <= 3; i++)
        {
            await a.AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout();
        }

        await onA.Entries.WaitForSeqAsync(3);
        // B starts hosting the board now: it reads what came before itself and holds only what it is delivered from here.
        var onB = new RewindCollector();
        await using var subscribedB = await b.Log.SubscribeAsync(board, onB.OnEntryAsync, onB.OnRewoundAsync, CancellationToken.None).WithTimeout();
        for (var i = 4; i <= 5; i++)
        {
            await a.AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout();
        }

        await onA.Entries.WaitForSeqAsync(5);
        await onB.Entries.WaitForSeqAsync(5);
        var before = await a.Log.ReadStoredAsync(board, 0, 100, CancellationToken.None).WithTimeout();
        await ForgetAfterAsync(board, kept: 2);

        // B notices first. It lacks op-3, which only A holds: it waits instead of rewinding (event 4125).
        await Assert.ThrowsAsync<BoardLogUnavailableException>(() => b.AppendAsync(board, Entries.Note(6, actor: "actor-2"), CancellationToken.None).WithTimeout());
        await bLogger.WaitForEventAsync(4125);
        // A writes 3–5 back under their numbers.
        await Assert.ThrowsAsync<BoardLogUnavailableException>(() => a.AppendAsync(board, Entries.Note(7), CancellationToken.None).WithTimeout());
        await aLogger.WaitForEventAsync(4117);
        Assert.Equal(before, await a.Log.ReadStoredAsync(board, 0, 100, CancellationToken.None).WithTimeout());
        // The log is whole again, and the write-back still holds new appends: another holder may be on its way.
        await Assert.ThrowsAsync<BoardLogUnavailableException>(() => b.AppendAsync(board, Entries.Note(6, actor: "actor-2"), CancellationToken.None).WithTimeout());

        Assert.Equal(5, await b.LastSeqAsync(board, CancellationToken.None).WithTimeout());
        Assert.Empty(onA.Rewinds);
        Assert.Empty(onB.Rewinds);
        Assert.DoesNotContain(aLogger.Messages.Concat(bLogger.Messages), m => m.Id.Id == 4118);
    }

    /// <param name="tailCheck">None by default: what makes a feed look at the log is the test's own step (an append, a
    /// published entry), and a write-back holds nothing (the hold is two tail checks).</param>
    private async Task<RedisTestLog> CreateAsync(CapturingLogger<RedisBoardLog>? logger = null, TimeSpan? tailCheck = null)
    {
        var log = await RedisTestLogs.CreateAsync(redis.ConnectionString, Prefix, tailCheck ?? TimeSpan.Zero, logger);
        _owned.Add(log);
        return log;
    }

    /// <summary>Leaves the board's stream, counter and ops as they were <paramref name="kept"/> entries in.</summary>
    private Task ForgetAfterAsync(string board, long kept) =>
        _raw.GetDatabase().ScriptEvaluateAsync(
            """
            local kept = redis.call('XRANGE', KEYS[1], '-', ARGV[1] .. '-0')
            redis.call('DEL', KEYS[1])
            for i = 1, #kept do redis.call('XADD', KEYS[1], kept[i][1], 'e', kept[i][2][2]) end
            redis.call('HSET', KEYS[2], 'seq', ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '(' .. ARGV[1], '+inf')
            """,
            [$"{Prefix}:board:{{{board}}}:log", $"{Prefix}:board:{{{board}}}:meta", $"{Prefix}:board:{{{board}}}:ops"],
            [kept]).WithTimeout();

    private sealed class RewindCollector
    {
        private readonly Lock _lock = new();
        private readonly List<long> _rewinds = [];

        public EntryCollector Entries { get; } = new();

        public IReadOnlyList<long> Rewinds
        {
            get
            {
                lock (_lock)
                {
                    return [.. _rewinds];
                }
            }
        }

        public ValueTask OnEntryAsync(LogEntry entry) => Entries.OnEntryAsync(entry);

        public ValueTask OnRewoundAsync(long keptSeq)
        {
            lock (_lock)
            {
                _rewinds.Add(keptSeq);
            }

            return ValueTask.CompletedTask;
        }
    }
}
