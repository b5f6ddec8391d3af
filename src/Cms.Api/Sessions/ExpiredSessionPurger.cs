using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cms.Api.Sessions;

/// <summary>
/// Deletes sessions that ended long enough ago, and sign-in counters whose window and lockout have passed: once across
/// instances (<see cref="JobLocks"/>).
/// </summary>
internal sealed class ExpiredSessionPurger(IServiceScopeFactory scopes, TimeProvider time, IOptions<SessionOptions> options, ILogger<ExpiredSessionPurger> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PurgeIntervalSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database outage must not stop purging for good; the next tick tries again.
                logger.LogWarning(e, "Purging expired sessions failed");
            }
        }
    }

    /// <summary>Purges once: how many sessions went; null when another instance is purging.</summary>
    public async Task<int?> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await JobLocks.TryTakeAsync((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(),
                JobLocks.SessionPurge, cancellationToken))
        {
            return null;
        }

        var settings = options.Value;
        var now = time.Now();
        var cutoff = now.AddSeconds(-settings.KeepEndedSessionsSeconds);
        var sessions = await db.Sessions
            .Where(s => s.EndedAt < cutoff || s.IdleExpiresAt < cutoff || s.AbsoluteExpiresAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        var throttles = await db.SignInThrottles
            .Where(t => (t.LockedUntil == null || t.LockedUntil < now) && t.WindowStartedAt < now.AddSeconds(-settings.KeepEndedSessionsSeconds))
            .ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (sessions + throttles > 0)
        {
            logger.LogInformation("Purged {Sessions} ended sessions and {Throttles} sign-in counters", sessions, throttles);
        }

        return sessions;
    }
}
