using System.Text.Json;
using Microsoft.Extensions.Logging;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Hubs;
using PostMortem.Server.Presence;
using StackExchange.Redis;

namespace PostMortem.Server.Redis;

/// <summary>
/// Presence between instances over one Redis pub/sub channel per board
/// (<c>{prefix}:board:{boardId}:presence</c>). Each message is one instance's coalesced batch, tagged with
/// the instance's random id so the sender's own subscription drops it. Publishing is fire-and-forget and a
/// message sent while Redis is away is simply lost: presence is replaced by the next update within
/// a fraction of a second, and it never enters the board log.
/// </summary>
internal sealed class RedisPresenceRelay(RedisConnection connection, RedisOptions options, ILogger<RedisPresenceRelay> logger) : IPresenceRelay
{
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly RedisChannels _names = new(options.KeyPrefix);

    public void Publish(string boardId, IReadOnlyList<PresenceUpdate> updates)
    {
        RedisChannels.ValidateBoardId(boardId);
        ArgumentNullException.ThrowIfNull(updates);
        var multiplexer = connection.GetAsync();
        if (updates.Count == 0 || !multiplexer.IsCompletedSuccessfully)
        {
            return; // still connecting: nobody can have seen this board's presence through us yet
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(new RelayedPresence(_instance, updates), ServerJsonContext.Default.RelayedPresence);
        try
        {
            multiplexer.Result.GetSubscriber().Publish(_names.Presence(boardId), payload, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (RedisErrors.IsUnavailable(ex))
        {
            RedisBoardLogLog.PresenceDropped(logger, boardId);
        }
    }

    public async ValueTask<IAsyncDisposable> SubscribeAsync(string boardId, Action<IReadOnlyList<PresenceUpdate>> onUpdates,
        CancellationToken cancellationToken)
    {
        RedisChannels.ValidateBoardId(boardId);
        ArgumentNullException.ThrowIfNull(onUpdates);
        var channel = _names.Presence(boardId);
        Action<RedisChannel, RedisValue> handler = (_, message) =>
        {
            RelayedPresence? relayed;
            try
            {
                relayed = JsonSerializer.Deserialize((byte[])message!, ServerJsonContext.Default.RelayedPresence);
            }
            catch (JsonException ex)
            {
                RedisBoardLogLog.MalformedPresence(logger, boardId, ex);
                return;
            }

            if (relayed is { Updates.Count: > 0 } && relayed.From != _instance)
            {
                onUpdates(relayed.Updates);
            }
        };

        try
        {
            var subscriber = (await connection.GetAsync().WaitAsync(cancellationToken)).GetSubscriber();
            await subscriber.SubscribeAsync(channel, handler).WaitAsync(options.CommandTimeout > TimeSpan.Zero ? options.CommandTimeout : Timeout.InfiniteTimeSpan, cancellationToken);
            return new Subscription(subscriber, channel, handler, logger, boardId);
        }
        catch (Exception ex) when (RedisErrors.IsUnavailable(ex))
        {
            throw new BoardLogUnavailableException("Presence relay (Redis) is unavailable; try again.", ex);
        }
    }

    private sealed class Subscription(ISubscriber subscriber, RedisChannel channel, Action<RedisChannel, RedisValue> handler, ILogger logger, string boardId)
        : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            try
            {
                await subscriber.UnsubscribeAsync(channel, handler);
            }
            catch (Exception ex) when (RedisErrors.IsUnavailable(ex))
            {
                // Redis is away; it forgot the subscription with the connection, and 1.2.6 only restores live ones.
                RedisBoardLogLog.UnsubscribeFailed(logger, boardId, ex);
            }
        }
    }
}

/// <summary>What one instance publishes on a board's presence channel.</summary>
internal sealed record RelayedPresence(string From, IReadOnlyList<PresenceUpdate> Updates);
