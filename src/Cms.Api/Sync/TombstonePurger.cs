using Cms.Api.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cms.Api.Sync;

/// <summary>
/// Drops tombstones past the retention (a day of margin for clocks that disagree); tokens that old are refused anyway.
/// Once across instances (<see cref="JobLocks"/>).
/// </summary>
internal sealed class TombstonePurger(NpgsqlDataSource dataSource, IOptions<SyncOptions> options, ILogger<TombstonePurger> logger) : BackgroundService
{
    // Exits only tell a filtered pass what may have left its tree since its token, and tokens past the retention are refused.
    private static readonly string[] Purges =
    [
        "DELETE FROM article_tombstones WHERE deleted_at < now() - make_interval(days => $1)",
        "DELETE FROM menu_tombstones WHERE deleted_at < now() - make_interval(days => $1)",
        "DELETE FROM article_category_exits WHERE left_at < now() - make_interval(days => $1)",
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Purging sync tombstones failed; the next tick tries again");
            }
        }
    }

    /// <summary>Purges once: how many rows went; null when another instance is purging.</summary>
    public async Task<int?> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await JobLocks.TryTakeAsync(connection, transaction, JobLocks.TombstonePurge, cancellationToken))
        {
            return null;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var sql in Purges)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = options.Value.RetentionDays + 1 });
            batch.BatchCommands.Add(command);
        }

        var purged = await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (purged > 0)
        {
            logger.LogInformation("Purged {Count} sync tombstones", purged);
        }

        return purged;
    }
}
