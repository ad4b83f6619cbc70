using PostMortem.Core.Log;
using PostMortem.Server.BoardLog;

namespace PostMortem.BoardLog.Tests;

/// <summary>
/// Redis itself restarts under a running log (its own redis-server: the restarts would disturb other
/// classes' tests). AOF is on with appendfsync everysec, as in infra/redis.conf; a graceful restart
/// (SHUTDOWN writes and fsyncs the AOF) loses nothing.
/// </summary>
public sealed class RedisRestartTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public Task AGracefulRedisRestartKeepsEveryAcceptedEntryAndDeliveryResumes() => RedisRestart.RunAsync(redis, () => redis.StopAsync());
}

/// <summary>
/// Redis is killed with SIGKILL under a running log. Only <c>appendfsync always</c> promises that
/// nothing acknowledged is lost then: with everysec, a killed redis-server on a busy disk was seen to
/// lose the last acknowledged appends (Redis answers while it postpones the AOF write behind a slow
/// background fsync), and the feed reports it (event 4115, see RedisBoardLogTests).
/// </summary>
public sealed class RedisCrashTests(AlwaysFsyncRedisServerFixture redis) : IClassFixture<AlwaysFsyncRedisServerFixture>
{
    [Fact]
    public Task RedisKilledWithSigkillUnderFsyncAlwaysKeepsEveryAcknowledgedEntryAndDeliveryResumes() => RedisRestart.RunAsync(redis, () => redis.KillAsync());
}

internal static class RedisRestart
{
    public static async Task RunAsync(RedisServerFixture redis, Func<Task> stop)
    {
        // A short tail check: a publish racing the re-subscription after the restart is picked up by it.
        await using var log = await RedisTestLogs.CreateAsync(redis.ConnectionString, "restart", TimeSpan.FromMilliseconds(500));
        await using var peer = await RedisTestLogs.CreateAsync(redis.ConnectionString, "restart", TimeSpan.FromMilliseconds(500));
        var board = Entries.NewBoardId();
        var onLog = new EntryCollector();
        var onPeer = new EntryCollector();
        await using var a = await log.SubscribeAsync(board, onLog.OnEntryAsync, CancellationToken.None).WithTimeout();
        await using var b = await peer.SubscribeAsync(board, onPeer.OnEntryAsync, CancellationToken.None).WithTimeout();
        var accepted = new List<LogEntry>();
        for (var i = 1; i <= 5; i++)
        {
            accepted.Add(await (i % 2 == 0 ? peer : log).AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout());
        }

        await onLog.WaitForSeqAsync(5);
        var events = await ConnectionEvents.WatchAsync(log.Connection);
        var peerEvents = await ConnectionEvents.WatchAsync(peer.Connection);

        await stop();
        await events.BothFailedAsync();
        await Assert.ThrowsAsync<BoardLogUnavailableException>(() => log.AppendAsync(board, Entries.Note(6), CancellationToken.None).WithTimeout());
        await redis.StartAsync();
        await events.ReconnectedAsync();
        await peerEvents.ReconnectedAsync();

        for (var i = 7; i <= 10; i++)
        {
            accepted.Add(await (i % 2 == 0 ? peer : log).AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout());
        }

        await onLog.WaitForSeqAsync(9);
        await onPeer.WaitForSeqAsync(9);

        // Nothing accepted was lost or renumbered; the refused append took no seq.
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), accepted.Select(e => e.Seq));
        var stored = await log.ReadAsync(board, 0, 100, CancellationToken.None).WithTimeout();
        Assert.Equal(accepted.Select(Entries.Json), stored.Select(Entries.Json));
        Assert.Equal(9, await peer.LastSeqAsync(board, CancellationToken.None).WithTimeout());
        Assert.Equal(accepted.Select(Entries.Json), onLog.Entries.Select(Entries.Json));
        Assert.Equal(accepted.Select(Entries.Json), onPeer.Entries.Select(Entries.Json));
    }
}
