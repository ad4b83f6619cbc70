namespace PostMortem.Server.Redis;

/// <summary>
/// Settings of the Redis board log. <c>ConnectionStrings:Redis</c> switches Redis mode on; the rest
/// binds from the <c>Redis</c> section.
/// </summary>
internal sealed class RedisOptions
{
    public const string SectionName = "Redis";

    public const string ConnectionStringName = "Redis";

    /// <summary>Optional own Redis for SignalR's backplane (presence); unset, the backplane uses <see cref="ConnectionStringName"/>'s.</summary>
    public const string BackplaneConnectionStringName = "RedisBackplane";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>redis:6379</c> or <c>host:6379,password=…</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// First segment of every key and channel, so several deployments can share one Redis.
    /// Letters, digits, '.', '_' and '-' only: a brace would change the cluster hash tag.
    /// </summary>
    public string KeyPrefix { get; set; } = "pm";

    /// <summary>
    /// Channel prefix of SignalR's Redis backplane (presence between instances). Empty means
    /// "{KeyPrefix}:signalr", so deployments that share a Redis with different key prefixes never hear each other.
    /// </summary>
    public string BackplaneChannelPrefix { get; set; } = "";

    /// <summary>
    /// How often each subscribed board looks for entries that were stored at the previous look and have
    /// still not arrived over pub/sub, and reads them from the stream: a lost message is delivered within
    /// two intervals. A safety net under the gap fill and the reconnect re-read (see RedisBoardFeed);
    /// zero disables it.
    /// </summary>
    public TimeSpan TailCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest wait for one Redis call: a call that never answers would stall a board's delivery; past this
    /// the call counts as "unavailable". An append may still run on Redis afterwards: the client's retry with
    /// the same clientOpId then gets that entry back instead of a second one (RedisScripts.Append).
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
