using Npgsql;

namespace Cms.Api.ReadPath;

/// <summary>Refreshes <see cref="ArticleCounters"/> once a second.</summary>
internal sealed class ArticleCounterRefresher(ArticleCounters counters, NpgsqlDataSource dataSource, TimeProvider time, ILogger<ArticleCounterRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await counters.RefreshAsync(dataSource, stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Refreshing article counters failed; the next tick tries again");
            }
        }
    }
}
