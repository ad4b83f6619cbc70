using Microsoft.Extensions.Logging.Abstractions;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Redis;

namespace PostMortem.BoardLog.Tests;

public sealed class RedisBoardLogContract(RedisServerFixture redis) : BoardLogContract, IClassFixture<RedisServerFixture>
{
    private protected override async Task<IBoardLog> CreateLogAsync() => Track(await RedisTestLogs.CreateAsync(redis.ConnectionString));

    /// <summary>A second multiplexer on the same Redis: what another server instance sees.</summary>
    private protected override Task<IBoardLog> CreatePeerAsync(IBoardLog log) => CreateLogAsync();
}

/// <summary>A RedisBoardLog that owns its connection, as one server instance does.</summary>
internal sealed class RedisTestLog(RedisConnection connection, RedisBoardLog log) : IBoardLog, IAsyncDisposable
{
    public RedisConnection Connection { get; } = connection;

    public RedisBoardLog Log { get; } = log;

    public ValueTask<PostMortem.Core.Log.LogEntry> AppendAsync(string boardId, PostMortem.Core.Log.PendingEntry pending, CancellationToken cancellationToken) =>
        Log.AppendAsync(boardId, pending, cancellationToken);

    public ValueTask<IReadOnlyList<PostMortem.Core.Log.LogEntry>> ReadAsync(string boardId, long afterSeq, int max, CancellationToken cancellationToken) =>
        Log.ReadAsync(boardId, afterSeq, max, cancellationToken);

    public ValueTask<long> LastSeqAsync(string boardId, CancellationToken cancellationToken) => Log.LastSeqAsync(boardId, cancellationToken);

    public ValueTask<IAsyncDisposable> SubscribeAsync(string boardId, Func<PostMortem.Core.Log.LogEntry, ValueTask> onEntry, CancellationToken cancellationToken) =>
        Log.SubscribeAsync(boardId, onEntry, cancellationToken);

    public ValueTask TrimAsync(string boardId, long upToSeq, CancellationToken cancellationToken) => Log.TrimAsync(boardId, upToSeq, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Log.DisposeAsync();
        await Connection.DisposeAsync();
    }
}

internal static class RedisTestLogs
{
    public static async Task<RedisTestLog> CreateAsync(
        string connectionString,
        string keyPrefix = "pm",
        TimeSpan? tailCheckInterval = null,
        CapturingLogger<RedisBoardLog>? logger = null,
        TimeSpan? commandTimeout = null)
    {
        var options = new RedisOptions
        {
            ConnectionString = connectionString,
            KeyPrefix = keyPrefix,
            TailCheckInterval = tailCheckInterval ?? TimeSpan.FromSeconds(5),
            CommandTimeout = commandTimeout ?? TimeSpan.FromSeconds(5),
        };
        var connection = new RedisConnection(options, NullLogger<RedisConnection>.Instance);
        await connection.GetAsync().WithTimeout();
        return new RedisTestLog(connection, new RedisBoardLog(connection, options, (Microsoft.Extensions.Logging.ILogger<RedisBoardLog>?)logger ?? NullLogger<RedisBoardLog>.Instance));
    }
}
