using Microsoft.Extensions.Diagnostics.HealthChecks;
using PostMortem.Server.Diagnostics;

namespace PostMortem.Server.Persistence;

/// <summary>
/// Whether storage takes writes (docs/PROTOCOL.md, "Health"). Every write path reports here: a failed write
/// (disk full, database unreachable) turns the "storage" health check unhealthy with its reason; the next write
/// that succeeds — or a probe write that /healthz makes while unhealthy — turns it healthy again, so the
/// server recovers by itself when space returns and nobody has to restart it.
/// </summary>
internal sealed class StorageHealth(IStorageProbe? probe, ILogger<StorageHealth> logger) : IHealthCheck
{
    public const string Name = "storage";

    private volatile string? _failure;

    public bool IsFailing => _failure is not null;

    public void Failed(string operation, Exception exception)
    {
        var reason = $"{operation} failed: {Describe(exception)}";
        if (_failure is null)
        {
            ServerLog.StorageFailing(logger, reason);
        }

        _failure = reason;
    }

    public void Succeeded()
    {
        if (_failure is not null)
        {
            _failure = null;
            ServerLog.StorageRecovered(logger);
        }
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_failure is { } failure && probe is not null)
        {
            try
            {
                await probe.ProbeWriteAsync(cancellationToken);
                Succeeded();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed("probe write", ex);
                return HealthCheckResult.Unhealthy(failure);
            }
        }

        return _failure is { } reason ? HealthCheckResult.Unhealthy(reason) : HealthCheckResult.Healthy();
    }

    /// <summary>The innermost message (e.g. SQLite's "database or disk is full"), never user text: storage
    /// errors name tables and codes, not the values written.</summary>
    private static string Describe(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var message = inner.Message.ReplaceLineEndings(" ");
        return message.Length > 200 ? message[..200] : message;
    }
}

/// <summary>A small real write to the storage, made by /healthz while storage is failing, to notice recovery.</summary>
internal interface IStorageProbe
{
    Task ProbeWriteAsync(CancellationToken cancellationToken);
}
