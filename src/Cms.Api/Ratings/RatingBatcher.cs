using System.Threading.Channels;
using Cms.Api.ReadPath;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Cms.Api.Ratings;

/// <summary>
/// Group commit for ratings: ratings that arrive while a transaction is in flight are saved together in the next one
/// (one round trip, one commit), each statement still returning its own rating's totals, as if it had been alone.
/// </summary>
public sealed class RatingBatcher : IAsyncDisposable
{
    /// <summary>
    /// Totals are adjusted by the difference each rating makes, in its transaction, so they always agree with the rows and
    /// concurrent raters stay exact. An advisory lock on (article, rater) lines up one rater racing themselves across
    /// transactions and instances; a transaction takes all its locks first, in one order, so two never wait on each other.
    /// </summary>
    private const string LockRater = "SELECT pg_advisory_xact_lock(hashtextextended($1::text || $2::text || $3::text, 7302))";

    private const string SaveRating =
        $"""
        WITH target AS (
            SELECT id FROM articles
            WHERE id = $1 AND allow_rating AND cms_visible_to_readers(status, publish_at, expires_at, $5)
        ), previous AS (
            SELECT (SELECT score FROM ratings WHERE article_id = $1 AND rater_id = $2 AND by_user = $3) AS score
        ), saved AS (
            INSERT INTO ratings (article_id, rater_id, by_user, score, created_at, updated_at)
            SELECT id, $2, $3, $4, $5, $5 FROM target
            ON CONFLICT (article_id, rater_id, by_user) DO UPDATE SET score = excluded.score, updated_at = excluded.updated_at
            RETURNING score
        )
        UPDATE article_stats AS s SET
            rating_total = s.rating_total + $4 - coalesce(p.score, 0),
            rating_count = s.rating_count + CASE WHEN p.score IS NULL THEN 1 ELSE 0 END,
            rating1 = s.rating1 + ($4 = 1)::int - (p.score IS NOT DISTINCT FROM 1)::int,
            rating2 = s.rating2 + ($4 = 2)::int - (p.score IS NOT DISTINCT FROM 2)::int,
            rating3 = s.rating3 + ($4 = 3)::int - (p.score IS NOT DISTINCT FROM 3)::int,
            rating4 = s.rating4 + ($4 = 4)::int - (p.score IS NOT DISTINCT FROM 4)::int,
            rating5 = s.rating5 + ($4 = 5)::int - (p.score IS NOT DISTINCT FROM 5)::int
        FROM previous AS p
        WHERE s.article_id = $1 AND EXISTS (SELECT 1 FROM saved)
        RETURNING {ArticleCounters.Columns}
        """;

    private readonly Channel<Rating> _queue = Channel.CreateUnbounded<Rating>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly NpgsqlDataSource _dataSource;
    private readonly ArticleCounters _counters;
    private readonly int _maxBatch;
    private readonly Task[] _writers;

    public RatingBatcher(NpgsqlDataSource dataSource, ArticleCounters counters, IOptions<RatingOptions> options)
    {
        _dataSource = dataSource;
        _counters = counters;
        _maxBatch = options.Value.MaxBatch;
        _writers = [.. Enumerable.Range(0, options.Value.ConcurrentBatches).Select(_ => Task.Run(WriteAsync))];
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
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(rating), this);

        // A client that hangs up stops waiting; its rating, already queued, is still saved.
        return rating.Saved.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Rating>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var rating))
            {
                batch.Add(rating);
            }

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

    /// <summary>Every lock first, in (article, rater) order, then the saves in the same order: one implicit transaction.</summary>
    private async Task SaveBatchAsync(List<Rating> batch)
    {
        var ordered = batch.OrderBy(r => r.ArticleId).ThenBy(r => r.RaterId).ThenBy(r => r.ByUser).ToList();
        await using var command = _dataSource.CreateBatch();
        foreach (var rating in ordered)
        {
            command.BatchCommands.Add(Statement(LockRater, rating, withScore: false));
        }

        foreach (var rating in ordered)
        {
            command.BatchCommands.Add(Statement(SaveRating, rating, withScore: true));
        }

        var results = new ArticleCounters.Counters?[ordered.Count];
        await using (var reader = await command.ExecuteReaderAsync())
        {
            // The reader starts on the first lock's result; the saves' results follow the locks'.
            for (var i = 0; i < ordered.Count; i++)
            {
                await reader.NextResultAsync();
            }

            for (var i = 0; i < ordered.Count; i++)
            {
                results[i] = await reader.ReadAsync() ? _counters.Apply(reader) : null;
                await reader.NextResultAsync();
            }
        }

        // Answered only once the whole transaction has committed (the reader is closed).
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Saved.TrySetResult(results[i]);
        }
    }

    private static NpgsqlBatchCommand Statement(string sql, Rating rating, bool withScore)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = rating.ArticleId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = rating.RaterId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = rating.ByUser, NpgsqlDbType = NpgsqlDbType.Boolean });
        if (withScore)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = rating.Score, NpgsqlDbType = NpgsqlDbType.Smallint });
            command.Parameters.Add(new NpgsqlParameter { Value = rating.At, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }
}
