using System.Linq.Expressions;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Articles;

/// <summary>
/// A search's matches as the union of its shards (<see cref="Article.SearchShards"/>), each read through its own partial
/// GIN index. PostgreSQL reads a union's parts in order and stops when a LIMIT above it is met, so a count that stops
/// at the exact-total limit reads one shard's posting lists when common words match enough there.
/// </summary>
internal static class SearchShards
{
    // Constants, not parameters: a partial index is used only when the plan can prove its predicate.
    private static readonly Expression<Func<Article, bool>>[] InShard = [.. Enumerable.Range(0, Article.SearchShards).Select(InShardExpression)];

    public static IQueryable<Article> Union(IQueryable<Article> articles) =>
        InShard.Skip(1).Aggregate(articles.Where(InShard[0]), (union, shard) => union.Concat(articles.Where(shard)));

    /// <summary>
    /// How many articles match (<paramref name="matches"/>, a <see cref="Union"/>), exact below <paramref name="cap"/>. From
    /// the cap on it is an estimate, never below the cap, from the shards the count read before it stopped: shards are the
    /// id's hash, so each holds about an eighth of any search's matches, and the estimate tells a walk's density (SearchPlanChooser)
    /// without counting further.
    /// </summary>
    public static async Task<long> CountUpToAsync(IQueryable<Article> matches, long cap, CancellationToken cancellationToken)
    {
        // Any rows will do: the constant order (ORDER BY (SELECT 1), which PostgreSQL drops) only tells EF so.
        var counted = matches.OrderBy(_ => 1).Take((int)Math.Min(cap, int.MaxValue))
            .GroupBy(a => a.SearchShard).Select(g => new { Shard = g.Key, Count = g.LongCount() });
        var shards = await counted.ToListAsync(cancellationToken);
        var total = shards.Sum(s => s.Count);
        if (total < cap)
        {
            return total;
        }

        // The union reads shards in order: the last one seen was read in part, the ones before it in full.
        var partial = shards.Max(s => s.Shard);
        var inFull = shards.Where(s => s.Shard < partial).Sum(s => s.Count);
        return partial == 0 ? cap * Article.SearchShards : Math.Max(cap, inFull * Article.SearchShards / partial);
    }

    private static Expression<Func<Article, bool>> InShardExpression(int shard)
    {
        var article = Expression.Parameter(typeof(Article), "a");
        var equals = Expression.Equal(Expression.Property(article, nameof(Article.SearchShard)), Expression.Constant(shard));
        return Expression.Lambda<Func<Article, bool>>(equals, article);
    }
}
