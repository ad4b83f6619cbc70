using PostMortem.Server.BoardLog;
using PostMortem.Server.Presence;

namespace PostMortem.Server.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Redis board log when <c>ConnectionStrings:Redis</c> is set; returns whether it did,
    /// so the host registers its embedded log otherwise. Also adds the "redis" health check and
    /// <c>RedisHealth</c>. Options: <c>Redis:KeyPrefix</c> (default "pm"), <c>Redis:TailCheckInterval</c>.
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
        services.AddSingleton<IPresenceRelay, RedisPresenceRelay>();
        services.AddSingleton<RedisHealth>();
        services.AddHealthChecks().AddCheck<RedisHealth>("redis", tags: ["ready"]);
        return true;
    }
}
