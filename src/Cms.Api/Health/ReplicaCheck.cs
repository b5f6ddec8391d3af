using Cms.Api.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using NpgsqlTypes;

namespace Cms.Api.Health;

/// <summary>
/// The replica anonymous reads may use (ConnectionStrings:CmsReplica): which role the node it reaches has, and how far it
/// is behind the primary. A replica that is down or lags leaves the service ready (reads go to the primary): degraded.
/// </summary>
internal sealed class ReplicaCheck(ReplicaDataSource replica, NpgsqlDataSource primary) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var onPrimary = primary.CreateCommand("SELECT pg_current_wal_insert_lsn()");
            var primaryLsn = (NpgsqlLogSequenceNumber)(await onPrimary.ExecuteScalarAsync(cancellationToken))!;
            await using var onReplica = replica.Source!.CreateCommand(
                "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn(), extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8");
            await using var reader = await onReplica.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var inRecovery = reader.GetBoolean(0);
            var behind = reader.IsDBNull(1) ? 0 : Math.Max(0, (long)(ulong)primaryLsn - (long)(ulong)reader.GetFieldValue<NpgsqlLogSequenceNumber>(1));
            var data = new Dictionary<string, object>
            {
                ["role"] = inRecovery ? "replica" : "primary",
                ["lagBytes"] = behind,
            };
            if (!reader.IsDBNull(2))
            {
                data["lastReplaySecondsAgo"] = Math.Round(reader.GetDouble(2), 3);
            }

            return HealthCheckResult.Healthy(inRecovery
                ? $"The replica is reachable, {behind} bytes of WAL behind the primary."
                : "The replica address reaches a primary (promoted?); reads there are current.", data);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Degraded("The replica cannot be reached: anonymous reads use the primary.",
                data: new Dictionary<string, object> { ["role"] = "unreachable" });
        }
    }
}
