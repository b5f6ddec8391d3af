using Cms.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cms.Api.Health;

/// <summary>Ready means PostgreSQL answers and every migration this build knows has been applied.</summary>
internal sealed class DatabaseReadyCheck(CmsDbContext db, DatabaseReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
        {
            return HealthCheckResult.Unhealthy("The database has not been initialised yet (PostgreSQL unreachable since start).");
        }

        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            // After a failover the primary's address must reach the new primary: a node in recovery cannot take writes.
            var inRecovery = await db.Database.SqlQueryRaw<bool>("SELECT pg_is_in_recovery() AS \"Value\"").SingleAsync(cancellationToken);
            var role = new Dictionary<string, object> { ["role"] = inRecovery ? "replica" : "primary" };
            return pending.Count > 0 ? HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied yet.", data: role)
                : inRecovery ? HealthCheckResult.Unhealthy("ConnectionStrings:Cms reaches a replica (read-only): writes would fail.", data: role)
                : HealthCheckResult.Healthy("PostgreSQL is reachable and migrated.", role);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL cannot be reached.");
        }
    }
}
