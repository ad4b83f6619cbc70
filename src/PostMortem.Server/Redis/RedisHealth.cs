using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PostMortem.Server.Redis;

/// <summary>What /healthz reports about Redis: connected, and how long a PING took.</summary>
internal sealed record RedisHealthReport(bool Connected, double? PingMilliseconds, string? Error);

/// <summary>
/// Redis probe for /healthz. Registered as an <see cref="IHealthCheck"/> named "redis" (tag "ready")
/// and as itself, for an endpoint that wants the figures.
/// </summary>
internal sealed class RedisHealth(RedisConnection connection) : IHealthCheck
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(2);

    public async Task<RedisHealthReport> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var multiplexer = await connection.GetAsync().WaitAsync(s_timeout, cancellationToken);
            if (!multiplexer.IsConnected)
            {
                return new RedisHealthReport(false, null, "not connected");
            }

            var started = Stopwatch.GetTimestamp();
            await multiplexer.GetDatabase().PingAsync().WaitAsync(s_timeout, cancellationToken);
            return new RedisHealthReport(true, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
        }
        catch (Exception ex) when (RedisErrors.IsUnavailable(ex))
        {
            return new RedisHealthReport(false, null, ex.GetType().Name);
        }
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await ProbeAsync(cancellationToken);
        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["connected"] = report.Connected };
        if (report.PingMilliseconds is { } ms)
        {
            data["pingMs"] = Math.Round(ms, 2);
            return HealthCheckResult.Healthy($"Redis PING {ms:F1} ms", data);
        }

        return HealthCheckResult.Unhealthy($"Redis unavailable: {report.Error}", data: data);
    }
}
