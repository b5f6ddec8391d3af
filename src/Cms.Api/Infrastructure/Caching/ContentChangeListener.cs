using Npgsql;

namespace Cms.Api.Infrastructure.Caching;

/// <summary>
/// Holds one connection LISTENing for other instances' content changes and advances the epoch on each. While it is not
/// connected it cannot hear anything, so on every (re)connection it advances the epoch too: a change missed during an
/// outage can only make caches forget, never keep something stale.
/// </summary>
internal sealed class ContentChangeListener(ContentEpoch epoch, NpgsqlDataSource dataSource, ILogger<ContentChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => epoch.Advance();
                await using (var listen = new NpgsqlCommand($"LISTEN {ContentChangeSignal.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                epoch.Advance();
                delay = TimeSpan.FromMilliseconds(200);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or System.IO.IOException)
            {
                epoch.Advance();
                logger.LogWarning(e, "Listening for content changes failed; retrying in {Delay}", delay);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}
