using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Articles;

/// <summary>Where a page ended, in the terms of its sort: what a cursor carries.</summary>
public sealed record ArticlePosition(Guid Id, DateTimeOffset? PublishAt = null, long Number = 0, double Score = 0);

/// <summary>An article's sort keys, read before its row: narrow enough for an index-only scan.</summary>
internal sealed class ArticleKey
{
    public Guid Id { get; init; }

    public DateTimeOffset? PublishAt { get; init; }

    public long ViewCount { get; init; }

    public double RatingAverage { get; init; }

    public int RatingCount { get; init; }

    public bool TitleHit { get; init; }

    public float Rank { get; init; }
}

/// <summary>
/// The list sorts and their keysets. Every order ends in the id, so rows that tie on the sort value still have one
/// place in the order and cursors never repeat or skip them. Row-value comparisons (<c>(a, b) &lt; (x, y)</c>) keep the
/// keyset condition in the shape the composite indexes serve.
/// </summary>
internal static class ArticleOrder
{
    public static IQueryable<ArticleKey> Keys(IQueryable<Article> articles, string sort, SearchTerms? search) => sort switch
    {
        "publishedAt" => articles.Select(a => new ArticleKey { Id = a.Id, PublishAt = a.PublishAt })
            .OrderBy(k => k.PublishAt).ThenBy(k => k.Id),
        "-viewCount" => articles.Select(a => new ArticleKey { Id = a.Stats.ArticleId, ViewCount = a.Stats.ViewCount })
            .OrderByDescending(k => k.ViewCount).ThenByDescending(k => k.Id),
        "-rating" => articles.Select(a => new ArticleKey { Id = a.Stats.ArticleId, RatingAverage = a.Stats.RatingAverage, RatingCount = a.Stats.RatingCount })
            .OrderByDescending(k => k.RatingAverage).ThenByDescending(k => k.RatingCount).ThenByDescending(k => k.Id),
        ArticleFilter.Relevance => articles.Select(a => new ArticleKey
            {
                Id = a.Id,
                TitleHit = a.SearchVector.Matches(search!.Title),
                Rank = a.SearchVector.Rank(search.Vector),
            })
            .OrderByDescending(k => k.TitleHit).ThenByDescending(k => k.Rank).ThenByDescending(k => k.Id),
        _ => articles.Select(a => new ArticleKey { Id = a.Id, PublishAt = a.PublishAt })
            .OrderByDescending(k => k.PublishAt).ThenByDescending(k => k.Id),
    };

    /// <summary>Only the keys that come after <paramref name="p"/> in <paramref name="sort"/>'s order.</summary>
    public static IQueryable<ArticleKey> After(IQueryable<ArticleKey> keys, string sort, ArticlePosition p) => sort switch
    {
        // publishAt is null only for drafts (editors' lists). PostgreSQL puts nulls last going up and first going down.
        "publishedAt" when p.PublishAt is null => keys.Where(k => k.PublishAt == null && k.Id.CompareTo(p.Id) > 0),
        "publishedAt" => keys.Where(k => k.PublishAt == null
            || EF.Functions.GreaterThan(ValueTuple.Create(k.PublishAt, k.Id), ValueTuple.Create(p.PublishAt, p.Id))),
        "-viewCount" => keys.Where(k => EF.Functions.LessThan(ValueTuple.Create(k.ViewCount, k.Id), ValueTuple.Create(p.Number, p.Id))),
        "-rating" => keys.Where(k => EF.Functions.LessThan(
            ValueTuple.Create(k.RatingAverage, k.RatingCount, k.Id), ValueTuple.Create(p.Score, (int)p.Number, p.Id))),
        ArticleFilter.Relevance => keys.Where(k => EF.Functions.LessThan(
            ValueTuple.Create(k.TitleHit, k.Rank, k.Id), ValueTuple.Create(p.Number == 1, (float)p.Score, p.Id))),
        _ when p.PublishAt is null => keys.Where(k => k.PublishAt != null || k.Id.CompareTo(p.Id) < 0),
        _ => keys.Where(k => k.PublishAt != null
            && EF.Functions.LessThan(ValueTuple.Create(k.PublishAt, k.Id), ValueTuple.Create(p.PublishAt, p.Id))),
    };

    public static ArticlePosition PositionOf(ArticleKey k, string sort) => sort switch
    {
        "-viewCount" => new ArticlePosition(k.Id, Number: k.ViewCount),
        "-rating" => new ArticlePosition(k.Id, Number: k.RatingCount, Score: k.RatingAverage),
        ArticleFilter.Relevance => new ArticlePosition(k.Id, Number: k.TitleHit ? 1 : 0, Score: k.Rank),
        _ => new ArticlePosition(k.Id, PublishAt: k.PublishAt),
    };
}
