using System.Threading.Channels;
using Cms.Api.Infrastructure;
using Cms.Api.ReadPath;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Cms.Api.Ratings;

/// <summary>
/// Group commit for ratings: ratings that arrive while a transaction is in flight are saved together in the next one
/// (one round trip, one statement, one commit: <c>cms_rate_batch</c> in Data/Sql/ratings.sql, which also says how the
/// totals stay exact), each rating still answered with the totals right after its own vote, as if it had been alone.
/// </summary>
public sealed class RatingBatcher : IAsyncDisposable
{
    // A queue and a writer per share of the articles: two batches in flight never wait for each other's stats rows (held
    // until a commit's flush), so their commits overlap instead of queuing.
    private readonly Channel<Rating>[] _queues;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ArticleCounters _counters;
    private readonly int _maxBatch;
    private readonly Task[] _writers;

    public RatingBatcher(NpgsqlDataSource dataSource, ArticleCounters counters, IOptions<RatingOptions> options)
    {
        _dataSource = dataSource;
        _counters = counters;
        _maxBatch = options.Value.MaxBatch;
        _queues = [.. Enumerable.Range(0, Math.Max(1, options.Value.ConcurrentBatches))
            .Select(_ => Channel.CreateUnbounded<Rating>(new UnboundedChannelOptions { SingleReader = true }))];
        _writers = [.. _queues.Select(queue => Task.Run(() => WriteAsync(queue.Reader)))];
    }

    /// <summary>One rater's score, and what saving it answers.</summary>
    private sealed record Rating(Guid ArticleId, Guid RaterId, bool ByUser, short Score, DateTimeOffset At)
    {
        public TaskCompletionSource<ArticleCounters.Counters?> Saved { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The article's counters right after this rating, or null when it was not saved (not visible, or rating off).</summary>
    public Task<ArticleCounters.Counters?> SaveAsync(Guid articleId, Guid raterId, bool byUser, short score, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rating = new Rating(articleId, raterId, byUser, score, at);
        var queue = _queues[(int)((uint)articleId.GetHashCode() % (uint)_queues.Length)];
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(rating), this);

        // A client that hangs up stops waiting; its rating, already queued, is still saved.
        return rating.Saved.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync(ChannelReader<Rating> queue)
    {
        var batch = new List<Rating>(_maxBatch);
        // One rater twice on one article goes in a later batch.
        var batches = new DistinctBatches<Rating, (Guid, Guid, bool)>(queue, r => (r.ArticleId, r.RaterId, r.ByUser), _maxBatch);
        while (await batches.WaitAsync())
        {
            batches.Fill(batch);
            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await SaveBatchAsync(batch);
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One transaction failed (a lost connection, a deadlock with another writer): each rating alone, so one
                // bad rating cannot fail the others and each request gets its own answer or error.
                foreach (var rating in batch)
                {
                    await SaveAloneAsync(rating);
                }
            }
            catch (Exception e)
            {
                batch[0].Saved.TrySetException(e);
            }

            batch.Clear();
        }
    }

    private async Task SaveAloneAsync(Rating rating)
    {
        try
        {
            await SaveBatchAsync([rating]);
        }
        catch (Exception e)
        {
            rating.Saved.TrySetException(e);
        }
    }

    private async Task SaveBatchAsync(List<Rating> batch)
    {
        await using var command = _dataSource.CreateCommand("SELECT * FROM cms_rate_batch($1, $2, $3, $4, $5)");
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.ArticleId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.RaterId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.ByUser).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.Score).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.At).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });

        // A rating that saved nothing (the article is not visible, or takes no ratings) has no row.
        var results = new ArticleCounters.Counters?[batch.Count];
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                // The row's first columns are the article's counters after the whole batch (for this instance's kept
                // answers); then the rating's place in the batch and its own totals.
                var counters = _counters.Apply(reader);
                results[reader.GetInt64(5) - 1] = new ArticleCounters.Counters(counters.Views, reader.GetInt64(6), reader.GetInt32(7));
            }
        }

        // Answered only once the transaction has committed (the reader is closed).
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Saved.TrySetResult(results[i]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _queues)
        {
            queue.Writer.TryComplete();
        }

        await Task.WhenAll(_writers);
    }
}
