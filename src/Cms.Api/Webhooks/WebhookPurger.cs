using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cms.Api.Webhooks;

/// <summary>
/// Keeps the outbox and the delivery log from growing for ever: events older than <c>KeepDeliveryLogDays</c> go with
/// their messages and attempts (foreign keys cascade), except an event still pending for some webhook, which stays
/// until it is delivered or fails for good. Once across instances, a batch per transaction under the
/// job's lock (<see cref="PeriodicJob"/>): small batches keep each transaction short beside the delivery workers.
/// </summary>
internal sealed class WebhookPurger(NpgsqlDataSource dataSource, TimeProvider time, IOptions<WebhookOptions> options, ILogger<WebhookPurger> logger)
    : PeriodicJob(dataSource, time, logger)
{
    private const int BatchSize = 1000;

    private const string PurgeSql =
        """
        DELETE FROM webhook_events e
        WHERE e.id IN (
            SELECT x.id FROM webhook_events x
            WHERE x.occurred_at < $1
              AND NOT EXISTS (SELECT 1 FROM webhook_messages m WHERE m.event_id = x.id AND m.state = 'pending')
            ORDER BY x.occurred_at
            LIMIT $2)
        """;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes);

    protected override long LockKey => JobLocks.WebhookPurge;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => PurgeAsync(cancellationToken);

    /// <summary>Purges once: how many events went with their deliveries; null when another instance holds the lock.</summary>
    public async Task<int?> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = Time.Now().AddDays(-options.Value.KeepDeliveryLogDays);
        var purged = 0;
        while (true)
        {
            var batch = await UnderLockAsync(async (connection, transaction) =>
            {
                await using var delete = new NpgsqlCommand(PurgeSql, connection, transaction);
                delete.Parameters.Add(new NpgsqlParameter { Value = cutoff });
                delete.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
                return await delete.ExecuteNonQueryAsync(cancellationToken);
            }, cancellationToken);
            if (batch is null)
            {
                return purged == 0 ? null : purged;
            }

            purged += batch.Value;
            if (batch < BatchSize)
            {
                break;
            }
        }

        if (purged > 0)
        {
            Logger.LogInformation("Purged {Events} webhook events older than {Cutoff} with their deliveries", purged, cutoff);
        }

        return purged;
    }
}
