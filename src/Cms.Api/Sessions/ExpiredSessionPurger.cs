using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cms.Api.Sessions;

/// <summary>
/// Deletes sessions that ended long enough ago, and sign-in counters whose window and lockout have passed: once across
/// instances (<see cref="PeriodicJob"/>).
/// </summary>
internal sealed class ExpiredSessionPurger(NpgsqlDataSource dataSource, TimeProvider time, IOptions<SessionOptions> options, ILogger<ExpiredSessionPurger> logger)
    : PeriodicJob(dataSource, time, logger)
{
    private const string PurgeSessionsSql = "DELETE FROM sessions WHERE ended_at < $1 OR idle_expires_at < $1 OR absolute_expires_at < $1";

    private const string PurgeThrottlesSql =
        "DELETE FROM sign_in_throttles WHERE (locked_until IS NULL OR locked_until < $1) AND window_started_at < $2";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PurgeIntervalSeconds);

    protected override long LockKey => JobLocks.SessionPurge;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => PurgeAsync(cancellationToken);

    /// <summary>Purges once: how many sessions went; null when another instance is purging.</summary>
    public Task<int?> PurgeAsync(CancellationToken cancellationToken) => UnderLockAsync(async (connection, transaction) =>
    {
        var now = Time.Now();
        var cutoff = now.AddSeconds(-options.Value.KeepEndedSessionsSeconds);
        await using var sessions = new NpgsqlCommand(PurgeSessionsSql, connection, transaction);
        sessions.Parameters.Add(new NpgsqlParameter { Value = cutoff });
        var purgedSessions = await sessions.ExecuteNonQueryAsync(cancellationToken);
        await using var throttles = new NpgsqlCommand(PurgeThrottlesSql, connection, transaction);
        throttles.Parameters.Add(new NpgsqlParameter { Value = now });
        throttles.Parameters.Add(new NpgsqlParameter { Value = cutoff });
        var purgedThrottles = await throttles.ExecuteNonQueryAsync(cancellationToken);
        if (purgedSessions + purgedThrottles > 0)
        {
            Logger.LogInformation("Purged {Sessions} ended sessions and {Throttles} sign-in counters", purgedSessions, purgedThrottles);
        }

        return purgedSessions;
    }, cancellationToken);
}
