using Microsoft.Extensions.Diagnostics.HealthChecks;
using Touchpoint.Data.Store;

namespace Touchpoint.Web.Startup;

/// <summary>Ready means the store answers a query.</summary>
public sealed class StoreHealthCheck(TouchpointDbFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = factory.Create();
            return await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("store unreachable");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("store unreachable: " + e.GetType().Name);
        }
    }
}
