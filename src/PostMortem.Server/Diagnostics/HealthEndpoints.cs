using Microsoft.Extensions.Diagnostics.HealthChecks;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Boards;
using PostMortem.Server.Endpoints;

namespace PostMortem.Server.Diagnostics;

internal static class HealthEndpoints
{
    private static readonly DateTimeOffset Started = DateTimeOffset.UtcNow;

    /// <summary>
    /// GET /healthz: 200 when every registered health check is healthy (503 otherwise), with the kind of board
    /// log in use. Other parts add checks with <c>services.AddHealthChecks().AddCheck(...)</c> (e.g. Redis).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (HealthCheckService checks, IBoardLog log, BoardRegistry registry, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var report = await checks.CheckHealthAsync(cancellationToken);
            var body = new HealthResponse(
                report.Status == HealthStatus.Healthy ? "ok" : report.Status.ToString().ToLowerInvariant(),
                LogKind(log),
                (long)(clock.GetUtcNow() - Started).TotalSeconds,
                registry.LoadedCount,
                registry.ConnectionCount,
                report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString().ToLowerInvariant(), StringComparer.Ordinal),
                // Why a check is not healthy, in words (e.g. "journal write failed: database or disk is full").
                report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy && e.Value.Description is not null)
                    .ToDictionary(e => e.Key, e => e.Value.Description!, StringComparer.Ordinal) is { Count: > 0 } reasons ? reasons : null);
            return report.Status == HealthStatus.Unhealthy
                ? Results.Json(body, ProtocolJsonContext.Default.HealthResponse, statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Json(body, ProtocolJsonContext.Default.HealthResponse);
        }).WithTags("Health").WithSummary("Liveness and the board log in use.").Produces<HealthResponse>();
        return app;
    }

    /// <summary>"local", "inMemory", "redis", ...: the log implementation's name without "BoardLog".</summary>
    public static string LogKind(IBoardLog log)
    {
        var name = log.GetType().Name;
        name = name.EndsWith("BoardLog", StringComparison.Ordinal) ? name[..^"BoardLog".Length] : name;
        return name.Length == 0 ? "unknown" : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
