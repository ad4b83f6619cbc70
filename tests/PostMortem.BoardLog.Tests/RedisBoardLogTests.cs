using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Redis;
using StackExchange.Redis;

namespace PostMortem.BoardLog.Tests;

/// <summary>What only the Redis log has to prove: names, isolation, time, gap repair, partitions.</summary>
public sealed class RedisBoardLogTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string SecretText = "SECRET-NOTE-TEXT";
    private readonly List<IAsyncDisposable> _owned = [];
    private ConnectionMultiplexer _raw = null!;

    public async Task InitializeAsync()
    {
        _raw = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WithTimeout();
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync().AsTask().WithTimeout();
        }

        _raw.Dispose();
    }

    [Theory]
    [InlineData("*")]
    [InlineData("a*")]
    [InlineData("?bc")]
    [InlineData("[ab]")]
    [InlineData("{tag}")]
    [InlineData("a:b")]
    [InlineData("a b")]
    [InlineData("é")]
    [InlineData("")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123x")]
    public async Task NonCanonicalBoardIdsAreRefusedBeforeReachingRedis(string boardId)
    {
        var prefix = "refuse" + Guid.NewGuid().ToString("N")[..8];
        var log = await CreateAsync(prefix);

        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(boardId, Entries.Note(1), CancellationToken.None).WithTimeout());
        await Assert.ThrowsAsync<ArgumentException>(() => log.ReadAsync(boardId, 0, 10, CancellationToken.None).WithTimeout());
        await Assert.ThrowsAsync<ArgumentException>(() => log.LastSeqAsync(boardId, CancellationToken.None).WithTimeout());
        await Assert.ThrowsAsync<ArgumentException>(() => log.TrimAsync(boardId, 1, CancellationToken.None).WithTimeout());
        await Assert.ThrowsAsync<ArgumentException>(() => log.SubscribeAsync(boardId, _ => ValueTask.CompletedTask, CancellationToken.None).WithTimeout());
        Assert.Empty(_raw.GetServer(redis.ConnectionString).Keys(pattern: prefix + ":*"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{pm}")]
    [InlineData("pm:blue")]
    [InlineData("pm*")]
    [InlineData("a-prefix-longer-than-thirty-two-chars")]
    public void UnusableKeyPrefixIsRefusedAtStartUp(string prefix)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Redis:KeyPrefix"] = prefix,
        }).Build();

        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddRedisBoardLog(configuration));
        Assert.Contains("Redis:KeyPrefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAConnectionStringRedisModeStaysOff()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Redis:KeyPrefix"] = "pm" }).Build();

        Assert.False(services.AddRedisBoardLog(configuration));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IBoardLog));
    }

    [Fact]
    public async Task RegistrationServesTheRedisLogAndAHealthProbe()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Redis:KeyPrefix"] = "registered",
            ["Redis:TailCheckInterval"] = "00:00:02",
        }).Build();
        var services = new ServiceCollection().AddLogging();

        Assert.True(services.AddRedisBoardLog(configuration));
        await using var provider = services.BuildServiceProvider();
        var log = provider.GetRequiredService<IBoardLog>();
        var board = Entries.NewBoardId();
        await log.AppendAsync(board, Entries.Note(1), CancellationToken.None).WithTimeout();
        var health = await provider.GetRequiredService<RedisHealth>().ProbeAsync(CancellationToken.None).WithTimeout();

        Assert.IsType<RedisBoardLog>(log);
        Assert.Equal(TimeSpan.FromSeconds(2), provider.GetRequiredService<RedisOptions>().TailCheckInterval);
        Assert.True(await _raw.GetDatabase().KeyExistsAsync($"registered:board:{{{board}}}:log").WithTimeout());
        Assert.True(health.Connected);
        Assert.NotNull(health.PingMilliseconds);
    }

    [Fact]
    public async Task KeyPrefixesIsolateDeploymentsSharingOneRedis()
    {
        var blue = await CreateAsync("blue");
        var green = await CreateAsync("green");
        var board = Entries.NewBoardId();
        var onGreen = new EntryCollector();
        await using var subscription = await green.SubscribeAsync(board, onGreen.OnEntryAsync, CancellationToken.None).WithTimeout();

        for (var i = 1; i <= 3; i++)
        {
            await blue.AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout();
        }

        var greenFirst = await green.AppendAsync(board, Entries.Note(100), CancellationToken.None).WithTimeout();
        await onGreen.WaitForSeqAsync(1);

        Assert.Equal(1, greenFirst.Seq);
        Assert.Equal(3, await blue.LastSeqAsync(board, CancellationToken.None).WithTimeout());
        Assert.Equal(["op-100"], (await green.ReadAsync(board, 0, 10, CancellationToken.None).WithTimeout()).Select(e => e.ClientOpId));
        Assert.Equal(["op-100"], onGreen.Entries.Select(e => e.ClientOpId));
    }

    [Fact]
    public async Task BoardKeysShareOneHashTagAndStoreAndPublishCoreJsonEntries()
    {
        var log = await CreateAsync("tagged");
        var board = Entries.NewBoardId();
        var published = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var channel = new RedisChannel($"tagged:board:{{{board}}}:entries", RedisChannel.PatternMode.Literal);
        await _raw.GetSubscriber().SubscribeAsync(channel, (_, message) => published.TrySetResult(message!)).WithTimeout();

        var entry = await log.AppendAsync(board, Entries.Note(1), CancellationToken.None).WithTimeout();

        var db = _raw.GetDatabase();
        var stored = (RedisValue[])(await db.ScriptEvaluateAsync(
            "local r = redis.call('XRANGE', KEYS[1], '-', '+') local out = {} for i = 1, #r do out[#out + 1] = r[i][1] out[#out + 1] = r[i][2][2] end return out",
            [$"tagged:board:{{{board}}}:log"]).WithTimeout())!;
        Assert.Equal("1-0", (string?)stored[0]);
        var text = (string)stored[1]!;
        Assert.Equal(Entries.Json(entry), Entries.Json(CoreJson.DeserializeEntry(text)));
        Assert.StartsWith($"{{\"v\":{CoreJson.FormatVersion},\"seq\":1,\"at\":\"{entry.At:yyyy-MM-ddTHH:mm:ss.fff}Z\",\"actor\":", text, StringComparison.Ordinal);
        Assert.Equal("1", (string?)await db.HashGetAsync($"tagged:board:{{{board}}}:meta", "seq").WithTimeout());
        Assert.Equal(text, await published.Task.WithTimeout());
        await _raw.GetSubscriber().UnsubscribeAsync(channel).WithTimeout();
    }

    [Fact]
    public async Task AppendTimeIsNeverBehindThePreviousEntryAndKeepsCalendarEdges()
    {
        var log = await CreateAsync("clock");
        var board = Entries.NewBoardId();
        var db = _raw.GetDatabase();
        // Each is ahead of Redis's clock, so the script clamps to it: the ISO text the script writes must
        // read back as exactly this instant (leap days, a non-leap century, the 400-year rule, ms digits).
        var instants = new[]
        {
            DateTimeOffset.Parse("2028-02-29T23:59:59.999Z", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse("2028-12-31T23:59:59.001Z", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse("2100-03-01T00:00:00.000Z", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse("2400-02-29T12:34:56.789Z", System.Globalization.CultureInfo.InvariantCulture),
        };

        var appended = new List<LogEntry>();
        foreach (var instant in instants)
        {
            await db.HashSetAsync($"clock:board:{{{board}}}:meta", "at", instant.ToUnixTimeMilliseconds()).WithTimeout();
            appended.Add(await log.AppendAsync(board, Entries.Note(appended.Count + 1), CancellationToken.None).WithTimeout());
        }

        var read = await log.ReadAsync(board, 0, 10, CancellationToken.None).WithTimeout();
        Assert.Equal(instants, appended.Select(e => e.At));
        Assert.Equal(instants, read.Select(e => e.At));
        // The next append without a nudge stays at the last time rather than going back to "now".
        Assert.Equal(instants[^1], (await log.AppendAsync(board, Entries.Note(99), CancellationToken.None).WithTimeout()).At);
    }

    [Fact]
    public async Task AGapInThePublishedSequenceIsFilledFromTheStreamBeforeLaterEntries()
    {
        var logger = new CapturingLogger<RedisBoardLog>();
        var log = await CreateAsync("gap", tailCheck: TimeSpan.Zero, logger: logger);
        var board = Entries.NewBoardId();
        var collector = new EntryCollector();
        await using var subscription = await log.SubscribeAsync(board, collector.OnEntryAsync, CancellationToken.None).WithTimeout();
        await log.AppendAsync(board, SecretNote(1), CancellationToken.None).WithTimeout();
        await collector.WaitForSeqAsync(1);

        // An entry stored without its publish reaching us: what a dropped subscription socket looks like.
        var silent = new LogEntry(2, DateTimeOffset.UtcNow, "actor-1", "op-silent", new AddNote("note-silent", NoteKind.Event, SecretText));
        var db = _raw.GetDatabase();
        await db.ScriptEvaluateAsync(
            "redis.call('XADD', KEYS[1], '2-0', 'e', ARGV[1]) redis.call('HSET', KEYS[2], 'seq', 2)",
            [$"gap:board:{{{board}}}:log", $"gap:board:{{{board}}}:meta"],
            [Entries.Json(silent)]).WithTimeout();
        await log.AppendAsync(board, SecretNote(3), CancellationToken.None).WithTimeout();
        await collector.WaitForSeqAsync(3);

        Assert.Equal([1L, 2, 3], collector.Seqs);
        Assert.Equal(Entries.Json(silent), Entries.Json(collector.Entries[1]));
        Assert.Contains(logger.Messages, m => m.Id.Id == 4111);
        Assert.DoesNotContain(logger.Messages, m => m.Message.Contains(SecretText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEntryWhosePublishWasLostArrivesThroughTheTailCheckWithoutAnyLaterAppend()
    {
        var log = await CreateAsync("tail", tailCheck: TimeSpan.FromMilliseconds(100));
        var board = Entries.NewBoardId();
        var collector = new EntryCollector();
        await using var subscription = await log.SubscribeAsync(board, collector.OnEntryAsync, CancellationToken.None).WithTimeout();
        await log.AppendAsync(board, Entries.Note(1), CancellationToken.None).WithTimeout();
        await collector.WaitForSeqAsync(1);

        // Stored, never published, and nothing appended after it: only the tail check can find it.
        var silent = new LogEntry(2, DateTimeOffset.UtcNow, "actor-1", "op-silent", new AddNote("note-silent", NoteKind.Event, "lost publish"));
        await _raw.GetDatabase().ScriptEvaluateAsync(
            "redis.call('XADD', KEYS[1], '2-0', 'e', ARGV[1]) redis.call('HSET', KEYS[2], 'seq', 2)",
            [$"tail:board:{{{board}}}:log", $"tail:board:{{{board}}}:meta"],
            [Entries.Json(silent)]).WithTimeout();
        await collector.WaitForSeqAsync(2);

        Assert.Equal([1L, 2], collector.Seqs);
        Assert.Equal(Entries.Json(silent), Entries.Json(collector.Entries[1]));
    }

    [Fact]
    public async Task ARedisThatLostAcknowledgedEntriesIsReportedAsCritical()
    {
        var logger = new CapturingLogger<RedisBoardLog>();
        var log = await CreateAsync("regress", tailCheck: TimeSpan.FromMilliseconds(100), logger: logger);
        var board = Entries.NewBoardId();
        var collector = new EntryCollector();
        await using var subscription = await log.SubscribeAsync(board, collector.OnEntryAsync, CancellationToken.None).WithTimeout();
        for (var i = 1; i <= 5; i++)
        {
            await log.AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout();
        }

        await collector.WaitForSeqAsync(5);

        // What a redis-server killed before its AOF write (or a failover to a lagging replica) leaves:
        // the log as it was two entries in.
        await _raw.GetDatabase().ScriptEvaluateAsync(
            """
            local kept = redis.call('XRANGE', KEYS[1], '-', '2-0')
            redis.call('DEL', KEYS[1])
            for i = 1, #kept do redis.call('XADD', KEYS[1], kept[i][1], 'e', kept[i][2][2]) end
            redis.call('HSET', KEYS[2], 'seq', 2)
            """,
            [$"regress:board:{{{board}}}:log", $"regress:board:{{{board}}}:meta"]).WithTimeout();
        await logger.WaitForEventAsync(4115);

        Assert.Contains(logger.Messages, m => m.Id.Id == 4115 && m.Message.Contains("stored last seq 2 is below the delivered seq 5", StringComparison.Ordinal));
        Assert.Equal([1L, 2, 3, 4, 5], collector.Seqs);
    }

    [Fact]
    public async Task ASubscriberThatThrowsDoesNotStopTheOthersOnItsInstance()
    {
        var logger = new CapturingLogger<RedisBoardLog>();
        var log = await CreateAsync("throwing", logger: logger);
        var board = Entries.NewBoardId();
        var collector = new EntryCollector();
        await using var failing = await log.SubscribeAsync(board, _ => throw new InvalidOperationException("subscriber bug"), CancellationToken.None).WithTimeout();
        await using var healthy = await log.SubscribeAsync(board, collector.OnEntryAsync, CancellationToken.None).WithTimeout();

        await log.AppendAsync(board, SecretNote(1), CancellationToken.None).WithTimeout();
        await log.AppendAsync(board, SecretNote(2), CancellationToken.None).WithTimeout();
        await collector.WaitForSeqAsync(2);

        Assert.Equal([1L, 2], collector.Seqs);
        Assert.Equal(2, logger.Messages.Count(m => m.Id.Id == 4113));
        Assert.DoesNotContain(logger.Messages, m => m.Message.Contains(SecretText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASubscriberCanUnsubscribeFromInsideItsOwnCallback()
    {
        var log = await CreateAsync("reentrant");
        var board = Entries.NewBoardId();
        var staying = new EntryCollector();
        var leavingSeqs = new List<long>();
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IAsyncDisposable? leaving = null;
        leaving = await log.SubscribeAsync(
            board,
            async entry =>
            {
                leavingSeqs.Add(entry.Seq);
                await leaving!.DisposeAsync();
                left.TrySetResult();
            },
            CancellationToken.None).WithTimeout();
        await using var stayingSubscription = await log.SubscribeAsync(board, staying.OnEntryAsync, CancellationToken.None).WithTimeout();

        await log.AppendAsync(board, Entries.Note(1), CancellationToken.None).WithTimeout();
        await left.Task.WithTimeout();
        await log.AppendAsync(board, Entries.Note(2), CancellationToken.None).WithTimeout();
        await staying.WaitForSeqAsync(2);

        Assert.Equal([1L], leavingSeqs);
        Assert.Equal([1L, 2], staying.Seqs);
    }

    [Fact]
    public async Task LocalSubscribersShareOneRedisSubscriptionPerBoard()
    {
        var log = await CreateAsync("shared");
        var board = Entries.NewBoardId();
        var channel = new RedisChannel($"shared:board:{{{board}}}:entries", RedisChannel.PatternMode.Literal);
        var server = _raw.GetServer(redis.ConnectionString);
        var collectors = Enumerable.Range(0, 5).Select(_ => new EntryCollector()).ToList();
        var subscriptions = new List<IAsyncDisposable>();
        foreach (var collector in collectors)
        {
            subscriptions.Add(await log.SubscribeAsync(board, collector.OnEntryAsync, CancellationToken.None).WithTimeout());
        }

        Assert.Equal(1, await server.SubscriptionSubscriberCountAsync(channel).WithTimeout());
        await log.AppendAsync(board, Entries.Note(1), CancellationToken.None).WithTimeout();
        foreach (var collector in collectors)
        {
            await collector.WaitForSeqAsync(1);
        }

        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync().WithTimeout();
        }

        Assert.Equal(0, await server.SubscriptionSubscriberCountAsync(channel).WithTimeout());
    }

    [Fact]
    public async Task APublishMissedWhileCutOffIsDeliveredAfterReconnect()
    {
        await using var proxy = new TcpProxy(redis.Port);
        var logger = new CapturingLogger<RedisBoardLog>();
        // No periodic tail check: only the reconnect re-read can deliver the missed entry.
        var cutOff = await CreateAsync("partition", proxy.ConnectionString, TimeSpan.Zero, logger);
        var other = await CreateAsync("partition");
        var board = Entries.NewBoardId();
        var collector = new EntryCollector();
        await using var subscription = await cutOff.SubscribeAsync(board, collector.OnEntryAsync, CancellationToken.None).WithTimeout();
        await other.AppendAsync(board, SecretNote(1), CancellationToken.None).WithTimeout();
        await collector.WaitForSeqAsync(1);
        var events = await ConnectionEvents.WatchAsync(cutOff.Connection);

        proxy.Cut();
        await events.BothFailedAsync();
        var missed = await other.AppendAsync(board, SecretNote(2), CancellationToken.None).WithTimeout();
        var refused = await Assert.ThrowsAsync<BoardLogUnavailableException>(() => cutOff.AppendAsync(board, SecretNote(3), CancellationToken.None).WithTimeout());
        proxy.Restore();
        await events.ReconnectedAsync();
        await collector.WaitForSeqAsync(2);

        Assert.Equal([1L, 2], collector.Seqs);
        Assert.Equal(Entries.Json(missed), Entries.Json(collector.Entries[1]));
        Assert.IsAssignableFrom<RedisException>(refused.InnerException);
        // Delivery goes on after the reconnect, from either instance.
        await cutOff.AppendAsync(board, SecretNote(4), CancellationToken.None).WithTimeout();
        await collector.WaitForSeqAsync(3);
        Assert.Equal([1L, 2, 3], collector.Seqs);
        Assert.DoesNotContain(logger.Messages, m => m.Message.Contains(SecretText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACallRedisNeverAnswersFailsAsUnavailableInsteadOfHanging()
    {
        await using var proxy = new TcpProxy(redis.Port);
        var hung = await RedisTestLogs.CreateAsync(proxy.ConnectionString, "hung", commandTimeout: TimeSpan.FromMilliseconds(300));
        _owned.Add(hung);
        var board = Entries.NewBoardId();
        await hung.AppendAsync(board, Entries.Note(1), CancellationToken.None).WithTimeout();

        proxy.Stall();
        var refused = await Assert.ThrowsAsync<BoardLogUnavailableException>(() => hung.LastSeqAsync(board, CancellationToken.None).WithTimeout());
        proxy.Resume();

        Assert.IsAssignableFrom<TimeoutException>(refused.InnerException);
        Assert.Equal(1, await hung.LastSeqAsync(board, CancellationToken.None).WithTimeout());
    }

    [Fact]
    public async Task AnAppendThatTimedOutButRanOnRedisIsNotAppendedAgainByItsRetry()
    {
        var log = await RedisTestLogs.CreateAsync(redis.ConnectionString, "retry", commandTimeout: TimeSpan.FromMilliseconds(300));
        _owned.Add(log);
        var board = Entries.NewBoardId();
        var collector = new EntryCollector();
        await using var subscription = await log.SubscribeAsync(board, collector.OnEntryAsync, CancellationToken.None).WithTimeout();
        await log.AppendAsync(board, Entries.Note(1), CancellationToken.None).WithTimeout();

        // The append reaches Redis's socket while Redis is stopped: the call times out here, the command waits there.
        await redis.PauseAsync();
        BoardLogUnavailableException timedOut;
        try
        {
            timedOut = await Assert.ThrowsAsync<BoardLogUnavailableException>(() => log.AppendAsync(board, Entries.Note(2), CancellationToken.None).WithTimeout());
        }
        finally
        {
            await redis.ResumeAsync();
        }

        Assert.IsAssignableFrom<TimeoutException>(timedOut.InnerException);
        // Resumed, Redis runs the append the caller gave up on.
        await collector.WaitForSeqAsync(2);
        var retried = await log.AppendAsync(board, Entries.Note(2), CancellationToken.None).WithTimeout();

        Assert.Equal(2, retried.Seq);
        Assert.Equal(Entries.Json(collector.Entries[1]), Entries.Json(retried));
        Assert.Equal(["op-1", "op-2"], (await log.ReadAsync(board, 0, 10, CancellationToken.None).WithTimeout()).Select(e => e.ClientOpId));
        Assert.Equal(2, await log.LastSeqAsync(board, CancellationToken.None).WithTimeout());
    }

    [Fact]
    public async Task TheSameClientOpIdFromAnotherActorIsANewEntry()
    {
        var log = await CreateAsync("opkey");
        var board = Entries.NewBoardId();

        var first = await log.AppendAsync(board, Entries.Note(1, actor: "actor-1"), CancellationToken.None).WithTimeout();
        var other = await log.AppendAsync(board, Entries.Note(1, actor: "actor-2"), CancellationToken.None).WithTimeout();
        var retry = await log.AppendAsync(board, Entries.Note(1, actor: "actor-1"), CancellationToken.None).WithTimeout();

        Assert.Equal([1L, 2L, 1L], [first.Seq, other.Seq, retry.Seq]);
        Assert.Equal(2, await log.LastSeqAsync(board, CancellationToken.None).WithTimeout());
    }

    private static PendingEntry SecretNote(int i) => new("actor-1", $"op-{i}", new AddNote($"note-{i}", NoteKind.Event, SecretText));

    private async Task<RedisTestLog> CreateAsync(string prefix, string? connectionString = null, TimeSpan? tailCheck = null, CapturingLogger<RedisBoardLog>? logger = null)
    {
        var log = await RedisTestLogs.CreateAsync(connectionString ?? redis.ConnectionString, prefix, tailCheck, logger);
        _owned.Add(log);
        return log;
    }
}
