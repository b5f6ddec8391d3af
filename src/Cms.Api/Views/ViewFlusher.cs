using Cms.Api.ReadPath;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Cms.Api.Views;

/// <summary>
/// Writes buffered views as one additive statement per interval (<c>view_count = view_count + n</c>): exact with any number
/// of instances, ids sorted so they lock rows in one order and never deadlock. Graceful shutdown flushes what is left.
/// </summary>
internal sealed class ViewFlusher(
    ViewCounter counter, ArticleCounters counters, NpgsqlDataSource dataSource, TimeProvider time, IOptions<ViewOptions> options, ILogger<ViewFlusher> logger)
    : BackgroundService
{
    // One flush at a time: a stop that comes while the timer's flush is writing waits for it. (Never disposed: it holds
    // no wait handle, and a test host may still call StopAsync after its services were disposed.)
#pragma warning disable CA2213
    private readonly SemaphoreSlim _flushing = new(1, 1);
#pragma warning restore CA2213

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // On the service's clock, so tests flush when they say (FlushAsync) or move time, never by a wall clock's tick.
        var interval = TimeSpan.FromMilliseconds(options.Value.FlushIntervalMilliseconds);
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await FlushAsync(stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes every view counted so far; a batch that fails is kept for the next attempt.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(CancellationToken.None);
        try
        {
            await FlushOnceAsync(cancellationToken);
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task FlushOnceAsync(CancellationToken cancellationToken)
    {
        var batch = counter.Take();
        if (batch.Count == 0)
        {
            return;
        }

        var ids = batch.Keys.Order().ToArray();
        var counts = ids.Select(id => batch[id]).ToArray();
        try
        {
            await using var command = dataSource.CreateCommand(
                "UPDATE article_stats AS s SET view_count = s.view_count + v.n " +
                "FROM unnest($1, $2) AS v(id, n) WHERE s.article_id = v.id " +
                $"RETURNING {ArticleCounters.Columns}");
            command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { Value = counts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            // The counts as written, so this instance's readers see them at once (ArticleCounters keeps the latest write).
            await using var written = await command.ExecuteReaderAsync(cancellationToken);
            while (await written.ReadAsync(cancellationToken))
            {
                counters.Apply(written);
            }
        }
        catch (ObjectDisposedException e)
        {
            // Only when the host was disposed before it was stopped (a test host's racing stops); nothing left to write with.
            counter.Return(batch);
            logger.LogWarning(e, "The database connection was disposed before {Articles} articles' views were written", batch.Count);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // Kept, not dropped: the next flush retries. The one case that can double-count is a commit whose
            // acknowledgement was lost on the wire; for view counts that is the right side to err on.
            counter.Return(batch);
            logger.LogWarning(e, "Writing {Articles} articles' views failed; they will be retried", batch.Count);
        }
    }
}
