using PostMortem.Server.BoardLog;
using StackExchange.Redis;

namespace PostMortem.Server.Redis;

internal static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Redis board log when <c>ConnectionStrings:Redis</c> is set; returns whether it did,
    /// so the host registers its embedded log otherwise. Also adds SignalR's Redis backplane (presence across
    /// instances), the "redis" health check and <c>RedisHealth</c>. Options: <c>Redis:KeyPrefix</c> (default "pm"),
    /// <c>Redis:BackplaneChannelPrefix</c>, <c>Redis:TailCheckInterval</c>, <c>Redis:CommandTimeout</c>.
    /// <c>ConnectionStrings:RedisBackplane</c> gives the backplane its own Redis (default: the board log's): presence
    /// traffic can then be kept off the server that orders the log.
    /// Everything that touches StackExchange.Redis stays in src/PostMortem.Server/Redis.
    /// </summary>
    public static bool AddRedisBoardLog(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(RedisOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        var options = new RedisOptions();
        configuration.GetSection(RedisOptions.SectionName).Bind(options);
        options.ConnectionString = connectionString;
        // Fail at start-up, not on the first append, when the prefix is unusable.
        _ = new RedisChannels(options.KeyPrefix);

        services.AddSingleton(options);
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<RedisBoardLog>();
        services.AddSingleton<IBoardLog>(sp => sp.GetRequiredService<RedisBoardLog>());
        var backplaneConnectionString = configuration.GetConnectionString(RedisOptions.BackplaneConnectionStringName) is { Length: > 0 } own
            ? own
            : connectionString;
        var channelPrefix = string.IsNullOrEmpty(options.BackplaneChannelPrefix) ? options.KeyPrefix + ":signalr" : options.BackplaneChannelPrefix;
        services.AddSignalR().AddStackExchangeRedis(backplane =>
        {
            backplane.Configuration = ConfigurationOptions.Parse(backplaneConnectionString);
            backplane.Configuration.ChannelPrefix = RedisChannel.Literal(channelPrefix);
            // Start while Redis is down. Unlike the board log, the backplane keeps the default backlog: a hub
            // connection subscribes to its backplane channels when it connects, and right after a Redis restart
            // (before the backplane's own reconnect) that subscription waits for the reconnect instead of failing
            // the connection.
            backplane.Configuration.AbortOnConnectFail = false;
            backplane.Configuration.ClientName ??= "postmortem-signalr";
        });
        services.AddSingleton<RedisHealth>();
        services.AddHealthChecks().AddCheck<RedisHealth>("redis", tags: ["ready"]);
        return true;
    }
}
