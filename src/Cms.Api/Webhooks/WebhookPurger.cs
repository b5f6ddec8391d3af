using Cms.Api.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cms.Api.Webhooks;

/// <summary>
/// Keeps the outbox and the delivery log from growing for ever: events older than <c>KeepDeliveryLogDays</c> go with
/// their messages and attempts (foreign keys cascade), except an event still pending for some webhook, which stays
/// until it is delivered or fails for good. Every instance runs the timer; a transaction-scoped advisory lock per batch
/// lets one purge at a time, and small batches keep each transaction short beside the delivery workers.
/// </summary>
internal sealed class WebhookPurger(NpgsqlDataSource dataSource, TimeProvider time, IOptions<WebhookOptions> options, ILogger<WebhookPurger> logger)
    : BackgroundService
{
    /// <summary>The advisory lock's key: any constant no other feature uses.</summary>
    private const long LockKey = 0x636d_7377_6870_7267;

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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Purging the webhook delivery log failed; the next tick tries again");
            }
        }
    }

    /// <summary>Purges once: how many events went with their deliveries; null when another instance holds the lock.</summary>
    public async Task<int?> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.Now().AddDays(-options.Value.KeepDeliveryLogDays);
        var purged = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var claim = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1)", connection, transaction))
            {
                claim.Parameters.Add(new NpgsqlParameter { Value = LockKey });
                if (await claim.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    return purged == 0 ? null : purged;
                }
            }

            await using var delete = new NpgsqlCommand(PurgeSql, connection, transaction);
            delete.Parameters.Add(new NpgsqlParameter { Value = cutoff });
            delete.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
            var batch = await delete.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            purged += batch;
            if (batch < BatchSize)
            {
                break;
            }
        }

        if (purged > 0)
        {
            logger.LogInformation("Purged {Events} webhook events older than {Cutoff} with their deliveries", purged, cutoff);
        }

        return purged;
    }
}
