using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace PostMortem.Server.Redis;

/// <summary>
/// The instance's one ConnectionMultiplexer (one interactive and one subscription socket, shared by
/// every board). Connects on first use and never gives up: with AbortOnConnectFail off the app starts
/// while Redis is down, and the multiplexer keeps reconnecting in the background.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly ILogger _logger;
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer;
    private readonly CancellationTokenSource _disposed = new();
    private int _probing;

    public RedisConnection(RedisOptions options, ILogger<RedisConnection> logger)
    {
        _configuration = ConfigurationOptions.Parse(options.ConnectionString);
        _configuration.AbortOnConnectFail = false;
        _configuration.ClientName ??= "postmortem";
        // While disconnected, 3.x queues commands until they time out by default. The board log relies on
        // failing fast: an append that cannot reach Redis becomes a retryable "unavailable" at once, and a
        // queued append would otherwise run on reconnect after its caller had already given up.
        _configuration.BacklogPolicy = BacklogPolicy.FailFast;
        // A dead socket is noticed by the keep-alive PING; the 60 s default leaves a board deaf for a minute.
        if (_configuration.KeepAlive is <= 0 or > 10)
        {
            _configuration.KeepAlive = 10;
        }

        _logger = logger;
        _multiplexer = new Lazy<Task<ConnectionMultiplexer>>(ConnectAsync, LazyThreadSafetyMode.ExecutionAndPublication);
        RedisBoardLogLog.Connecting(logger, string.Join(",", _configuration.EndPoints), options.KeyPrefix);
    }

    /// <summary>
    /// Commands work again after a connection failure. Raised after a PING succeeds, not on the
    /// library's ConnectionRestored: that fires per socket (interactive, subscription) in either order
    /// and before the endpoint accepts commands, so a re-read started there fails.
    /// </summary>
    public event Action? Reconnected;

    public Task<ConnectionMultiplexer> GetAsync() => _multiplexer.Value;

    public async Task<IDatabase> DatabaseAsync() => (await GetAsync()).GetDatabase();

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync();
        if (_multiplexer.IsValueCreated)
        {
            var multiplexer = await _multiplexer.Value;
            await multiplexer.CloseAsync(allowCommandsToComplete: false);
            multiplexer.Dispose();
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(_configuration);
        multiplexer.ConnectionFailed += (_, e) =>
            RedisBoardLogLog.ConnectionFailed(_logger, e.ConnectionType.ToString(), e.FailureType.ToString(), e.EndPoint?.ToString() ?? "?", e.Exception);
        multiplexer.ConnectionRestored += (_, e) =>
        {
            RedisBoardLogLog.ConnectionRestored(_logger, e.ConnectionType.ToString(), e.EndPoint?.ToString() ?? "?");
            _ = ProbeUntilUsableAsync(multiplexer);
        };
        return multiplexer;
    }

    private async Task ProbeUntilUsableAsync(ConnectionMultiplexer multiplexer)
    {
        if (Interlocked.Exchange(ref _probing, 1) == 1)
        {
            return;
        }

        try
        {
            var delay = TimeSpan.FromMilliseconds(50);
            while (true)
            {
                try
                {
                    await multiplexer.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), _disposed.Token);
                    break;
                }
                catch (Exception ex) when (RedisErrors.IsUnavailable(ex))
                {
                    await Task.Delay(delay, _disposed.Token);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
                }
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }

        RedisBoardLogLog.Reconnected(_logger);
        Reconnected?.Invoke();
    }
}

/// <summary>Which Redis failures mean "not reachable now, try again" rather than a bug.</summary>
internal static class RedisErrors
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        // LOADING: restarted and still reading the AOF; MASTERDOWN/READONLY: mid-failover.
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("READONLY", StringComparison.Ordinal)
            || server.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal),
        _ => false,
    };
}
