using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.ReadPath;
using Cms.Api.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Cms.Api.Ratings;

internal static class RateArticle
{
    /// <summary>
    /// Totals are adjusted by the difference each rating makes, in its transaction, so they always agree with the rows and
    /// concurrent raters stay exact. An advisory lock on (article, rater) lines up one rater racing themselves.
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

    public static async Task<Results<Ok<RatingResult>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, RatingRequest request, HttpContext http, NpgsqlDataSource dataSource, CmsDbContext db, ArticleCounters counters,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var user = http.CurrentUser();
        var (raterId, byUser) = user is not null ? (user.UserId, true) : (request.RaterId ?? Guid.Empty, false);
        if (raterId == Guid.Empty)
        {
            return Problem.Validation(new Dictionary<string, string[]>
            {
                ["raterId"] = ["Anonymous readers send raterId: a UUID the app or browser generates once and keeps."],
            });
        }

        var score = (short)request.Score!.Value;
        var now = time.Now();
        await using var batch = dataSource.CreateBatch();
        foreach (var statement in (string[])[LockRater, SaveRating])
        {
            var command = new NpgsqlBatchCommand(statement);
            command.Parameters.Add(new NpgsqlParameter { Value = id, NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { Value = raterId, NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { Value = byUser, NpgsqlDbType = NpgsqlDbType.Boolean });
            if (batch.BatchCommands.Count == 1)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = score, NpgsqlDbType = NpgsqlDbType.Smallint });
                command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            }

            batch.BatchCommands.Add(command);
        }

        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var saved = counters.Apply(reader);
                var summary = RatingSummary.Of(saved.RatingTotal, saved.RatingCount);
                return TypedResults.Ok(new RatingResult(summary.TotalPoints, summary.Count, summary.Average, score));
            }
        }

        // Nothing was saved: say why (a second query only on this rare path).
        var allowsRating = await db.Articles.Where(ArticleVisibility.VisibleAt(now)).Where(a => a.Id == id)
            .Select(a => (bool?)a.AllowRating).SingleOrDefaultAsync(cancellationToken);
        return allowsRating is null
            ? Problem.NotFound("The article")
            : Problem.Conflict(ProblemCodes.RatingDisabled, "Ratings are turned off for this article.");
    }
}
