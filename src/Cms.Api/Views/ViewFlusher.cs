using Cms.Api.ReadPath;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Cms.Api.Views;

/// <summary>
/// Writes buffered views as one additive statement per interval (<c>view_count = view_count + n</c>): exact with any number
/// of instances, ids sorted so they lock rows in one order and never deadlock, each batch under an id recorded with it so a
/// retried batch whose commit happened is not added twice. Graceful shutdown flushes what is left.
/// </summary>
internal sealed class ViewFlusher(
    ViewCounter counter, ArticleCounters counters, NpgsqlDataSource dataSource, TimeProvider time, IOptions<ViewOptions> options, ILogger<ViewFlusher> logger)
    : BackgroundService
{
    private const int PurgeEvery = 1000;

    // The flush's id is recorded in the same statement as its counts: both commit, or neither.
    private const string WriteSql =
        $"""
        WITH claimed AS (INSERT INTO view_flushes (id) VALUES ($3) ON CONFLICT DO NOTHING RETURNING id)
        UPDATE article_stats AS s SET view_count = s.view_count + v.n
        FROM unnest($1, $2) AS v(id, n)
        WHERE s.article_id = v.id AND EXISTS (SELECT 1 FROM claimed)
        RETURNING {ArticleCounters.Columns}
        """;

    // Read by the metrics' scrape on another thread: a reference, swapped whole.
    private volatile UnsettledBatch? _unsettled;
    private volatile ViewBatch? _writing;
    private long _flushes;

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
        // A batch whose write failed goes again first, alone and under its own id: if its commit happened and only the
        // answer was lost, the id is already recorded and the batch is not added twice.
        if (_unsettled is { } retry)
        {
            if (!await WriteAsync(retry.Id, retry.Batch, cancellationToken))
            {
                return;
            }

            _unsettled = null;
        }

        var batch = counter.Take();
        if (batch.Counts.Count > 0 && !await WriteAsync(Guid.CreateVersion7(), batch, cancellationToken))
        {
            return;
        }

        if (++_flushes % PurgeEvery == 0)
        {
            await PurgeFlushIdsAsync(cancellationToken);
        }
    }

    /// <summary>Writes one batch under its id; false (and the batch kept for the next flush) when the write failed.</summary>
    private async Task<bool> WriteAsync(Guid flushId, ViewBatch batch, CancellationToken cancellationToken)
    {
        var ids = batch.Counts.Keys.Order().ToArray();
        var counts = ids.Select(id => batch.Counts[id]).ToArray();
        _writing = batch;
        try
        {
            await using var command = dataSource.CreateCommand(WriteSql);
            command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { Value = counts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { Value = flushId, NpgsqlDbType = NpgsqlDbType.Uuid });
            // The counts as written, so this instance's readers see them at once (ArticleCounters keeps the latest write).
            await using var written = await command.ExecuteReaderAsync(cancellationToken);
            while (await written.ReadAsync(cancellationToken))
            {
                counters.Apply(written);
            }

            return true;
        }
        catch (ObjectDisposedException e)
        {
            // Only when the host was disposed before it was stopped (a test host's racing stops); nothing left to write with.
            counter.Return(batch);
            logger.LogWarning(e, "The database connection was disposed before {Articles} articles' views were written", batch.Counts.Count);
            return false;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // Kept, not dropped, under its id: the next flush retries it, and a commit whose answer was lost is not repeated.
            _unsettled = new UnsettledBatch(flushId, batch);
            logger.LogWarning(e, "Writing {Articles} articles' views failed; they will be retried", batch.Counts.Count);
            return false;
        }
        finally
        {
            _writing = null;
        }
    }

    /// <summary>
    /// Views counted and not yet written (the batch being written, or a failed one waiting, included), and when the oldest
    /// of them was counted: for the metrics, so a write that hangs or keeps failing shows as a growing lag.
    /// </summary>
    public (long Views, DateTimeOffset? Since) Unwritten()
    {
        var (views, since) = counter.Pending();
        // A retried batch is both the one waiting and the one being written: counted once.
        return (_writing ?? _unsettled?.Batch) is { } taken ? (views + taken.Views, ViewCounter.Earliest(since, taken.Since)) : (views, since);
    }

    /// <summary>Ids are needed only until their batch is settled: a day covers any retry.</summary>
    private async Task PurgeFlushIdsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("DELETE FROM view_flushes WHERE flushed_at < now() - interval '1 day'");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            logger.LogWarning(e, "Purging old view flush ids failed; the next purge tries again");
        }
    }

    private sealed record UnsettledBatch(Guid Id, ViewBatch Batch);
}
