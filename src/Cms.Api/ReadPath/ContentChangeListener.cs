using Npgsql;

namespace Cms.Api.ReadPath;

/// <summary>
/// Holds one connection LISTENing for other instances' content changes and advances the epoch on each. While it is not
/// connected it cannot hear anything, so on every (re)connection it advances the epoch too: a change missed during an
/// outage can only make caches forget, never keep something stale.
/// </summary>
internal sealed class ContentChangeListener(ContentEpoch epoch, OwnNotifications own, NpgsqlDataSource dataSource, ILogger<ContentChangeListener> logger)
    : BackgroundService
{
    /// <summary>Where the content triggers NOTIFY (Data/Sql/content_changes.sql).</summary>
    public const string Channel = "cms_content";

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place: from then on no other instance's change goes unheard.</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                // This instance's own writes advanced the epoch themselves, after their commit.
                connection.Notification += (_, e) =>
                {
                    if (!own.TryConsume(e.PID))
                    {
                        epoch.Advance();
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                own.Clear();
                epoch.Advance();
                _listening.TrySetResult();
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
