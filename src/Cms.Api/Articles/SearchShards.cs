using System.Linq.Expressions;
using Cms.Api.Data.Entities;

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

    private static Expression<Func<Article, bool>> InShardExpression(int shard)
    {
        var article = Expression.Parameter(typeof(Article), "a");
        var equals = Expression.Equal(Expression.Property(article, nameof(Article.SearchShard)), Expression.Constant(shard));
        return Expression.Lambda<Func<Article, bool>>(equals, article);
    }
}
