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
            return pending.Count == 0
                ? HealthCheckResult.Healthy("PostgreSQL is reachable and migrated.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied yet.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL cannot be reached.");
        }
    }
}
