using PostMortem.Server.Redis;
using StackExchange.Redis;

namespace PostMortem.BoardLog.Tests;

/// <summary>Awaitable failure and recovery of one instance's Redis connection (create before the cause).</summary>
internal sealed class ConnectionEvents
{
    private readonly TaskCompletionSource _interactiveFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _subscriptionFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _reconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ConnectionEvents(ConnectionMultiplexer multiplexer, RedisConnection connection)
    {
        multiplexer.ConnectionFailed += (_, e) =>
            (e.ConnectionType == ConnectionType.Subscription ? _subscriptionFailed : _interactiveFailed).TrySetResult();
        connection.Reconnected += () =>
        {
            if (_interactiveFailed.Task.IsCompleted)
            {
                _reconnected.TrySetResult();
            }
        };
    }

    public static async Task<ConnectionEvents> WatchAsync(RedisConnection connection) =>
        new(await connection.GetAsync().WithTimeout(), connection);

    public Task BothFailedAsync() => Task.WhenAll(_interactiveFailed.Task, _subscriptionFailed.Task).WithTimeout();

    /// <summary>Commands work again (RedisConnection.Reconnected after the failure).</summary>
    public Task ReconnectedAsync() => _reconnected.Task.WithTimeout();
}
