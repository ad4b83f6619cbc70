using Microsoft.Extensions.Diagnostics.HealthChecks;
using PostMortem.Data.Storage;

namespace PostMortem.Server.Diagnostics;

/// <summary>The "storage" check of /healthz: what PostMortem.Data's <see cref="StorageHealth"/> says (it probes
/// storage while failing, so the check turns healthy again by itself when space returns).</summary>
internal sealed class StorageHealthCheck(StorageHealth storage) : IHealthCheck
{
    public const string Name = "storage";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await storage.CheckAsync(cancellationToken) is { } failure ? HealthCheckResult.Unhealthy(failure) : HealthCheckResult.Healthy();
}
