using Cms.Api.Infrastructure.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cms.Api.Sync;

/// <summary>
/// Drops tombstones past the retention (a day of margin for clocks that disagree); tokens that old are refused anyway.
/// Once across instances (<see cref="PeriodicJob"/>).
/// </summary>
internal sealed class TombstonePurger(NpgsqlDataSource dataSource, TimeProvider time, IOptions<SyncOptions> options, ILogger<TombstonePurger> logger)
    : PeriodicJob(dataSource, time, logger)
{
    // Exits only tell a filtered pass what may have left its tree since its token, and tokens past the retention are refused.
    private static readonly string[] Purges =
    [
        "DELETE FROM article_tombstones WHERE deleted_at < now() - make_interval(days => $1)",
        "DELETE FROM menu_tombstones WHERE deleted_at < now() - make_interval(days => $1)",
        "DELETE FROM article_category_exits WHERE left_at < now() - make_interval(days => $1)",
    ];

    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes);

    protected override long LockKey => JobLocks.TombstonePurge;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => PurgeAsync(cancellationToken);

    /// <summary>Purges once: how many rows went; null when another instance is purging.</summary>
    public Task<int?> PurgeAsync(CancellationToken cancellationToken) => UnderLockAsync(async (connection, transaction) =>
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var sql in Purges)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = options.Value.RetentionDays + 1 });
            batch.BatchCommands.Add(command);
        }

        var purged = await batch.ExecuteNonQueryAsync(cancellationToken);
        if (purged > 0)
        {
            Logger.LogInformation("Purged {Count} sync tombstones", purged);
        }

        return purged;
    }, cancellationToken);
}
