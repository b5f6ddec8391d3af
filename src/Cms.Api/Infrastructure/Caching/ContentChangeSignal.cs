using Npgsql;

namespace Cms.Api.Infrastructure.Caching;

/// <summary>Says "content changed": to this instance at once, to the others with a NOTIFY they are LISTENing for.</summary>
public sealed class ContentChangeSignal(ContentEpoch epoch, NpgsqlDataSource dataSource, ILogger<ContentChangeSignal> logger)
{
    public const string Channel = "cms_content";

    public async Task ChangedAsync(CancellationToken cancellationToken)
    {
        epoch.Advance();
        try
        {
            await using var command = dataSource.CreateCommand($"NOTIFY {Channel}");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The write itself succeeded; other instances notice when their listener reconnects (it forgets everything then).
            logger.LogWarning(e, "Could not notify other instances of a content change");
        }
    }
}
