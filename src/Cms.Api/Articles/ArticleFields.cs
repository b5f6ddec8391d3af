using System.Collections.Frozen;
using System.Linq.Expressions;
using Cms.Api.Data.Entities;

namespace Cms.Api.Articles;

/// <summary>
/// <c>fields</c>: which article properties a list answers with. The pick reaches SQL: columns and joins nobody asked for
/// are left out of the projection (a list without authors does not join them). <c>id</c> is always included.
/// </summary>
internal sealed class ArticleFields
{
    /// <summary>Each response property and the row members it is made from.</summary>
    private static readonly FrozenDictionary<string, string[]> Sources = new Dictionary<string, string[]>
    {
        ["id"] = [nameof(ArticleRow.Id)],
        ["slug"] = [nameof(ArticleRow.Slug)],
        ["title"] = [nameof(ArticleRow.Title)],
        ["summary"] = [nameof(ArticleRow.Summary)],
        ["body"] = [nameof(ArticleRow.Body)],
        ["coverImage"] =
        [
            nameof(ArticleRow.CoverImageUrl), nameof(ArticleRow.CoverImageAlt), nameof(ArticleRow.CoverImageCaption), nameof(ArticleRow.CoverMediaId),
            nameof(ArticleRow.CoverMediaFileName), nameof(ArticleRow.CoverMediaWidth), nameof(ArticleRow.CoverMediaHeight),
            nameof(ArticleRow.CoverMediaAlt), nameof(ArticleRow.CoverMediaCaption),
        ],
        ["status"] = [nameof(ArticleRow.Status), nameof(ArticleRow.PublishAt)],
        ["publishAt"] = [nameof(ArticleRow.PublishAt)],
        ["publishedAt"] = [nameof(ArticleRow.Status), nameof(ArticleRow.PublishAt)],
        ["expiresAt"] = [nameof(ArticleRow.ExpiresAt)],
        ["source"] = [nameof(ArticleRow.Source)],
        ["authors"] = [nameof(ArticleRow.Authors)],
        ["categories"] = [nameof(ArticleRow.Categories)],
        ["tags"] = [nameof(ArticleRow.Tags)],
        ["allowRating"] = [nameof(ArticleRow.AllowRating)],
        ["viewCount"] = [nameof(ArticleRow.ViewCount)],
        ["seo"] = [nameof(ArticleRow.SeoTitle), nameof(ArticleRow.SeoDescription), nameof(ArticleRow.SeoCanonicalUrl), nameof(ArticleRow.SeoNoIndex)],
        ["rating"] = [nameof(ArticleRow.RatingTotal), nameof(ArticleRow.RatingCount)],
        ["createdAt"] = [nameof(ArticleRow.CreatedAt)],
        ["updatedAt"] = [nameof(ArticleRow.UpdatedAt)],
        ["version"] = [nameof(ArticleRow.Version)],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>In the order of the article schema, for error messages.</summary>
    public static readonly string[] Names =
    [
        "id", "slug", "title", "summary", "body", "coverImage", "status", "publishAt", "publishedAt", "expiresAt", "source",
        "authors", "categories", "tags", "allowRating", "viewCount", "seo", "rating", "createdAt", "updatedAt", "version",
    ];

    /// <summary>A list's default: everything but the body.</summary>
    public static readonly ArticleFields ListDefault = new(Sources.Keys.Where(k => k != "body"), picked: false);

    public static readonly ArticleFields All = new(Sources.Keys, picked: false);

    private ArticleFields(IEnumerable<string> names, bool picked)
    {
        Properties = names.Append("id").ToFrozenSet(StringComparer.Ordinal);
        Members = Properties.SelectMany(p => Sources[p]).Append(nameof(ArticleRow.CreatedById)).ToFrozenSet(StringComparer.Ordinal);
        IsPicked = picked;
    }

    /// <summary>The response properties to write.</summary>
    public FrozenSet<string> Properties { get; }

    /// <summary>Whether the client chose (so the response holds only these) or the default applies.</summary>
    public bool IsPicked { get; }

    private FrozenSet<string> Members { get; }

    public static ArticleFields Parse(string? fields) =>
        string.IsNullOrWhiteSpace(fields) ? ListDefault : new ArticleFields(Split(fields).Where(Sources.ContainsKey), picked: true);

    public static IReadOnlyList<string> Unknown(string? fields) =>
        string.IsNullOrWhiteSpace(fields) ? [] : Split(fields).Where(f => !Sources.ContainsKey(f)).ToList();

    /// <summary>The full row projection with the members nobody asked for removed, so EF leaves their columns and joins out.</summary>
    public Expression<Func<Article, ArticleRow>> Trim(Expression<Func<Article, ArticleRow>> projection)
    {
        var init = (MemberInitExpression)projection.Body;
        var kept = init.Bindings.Where(b => Members.Contains(b.Member.Name));
        return Expression.Lambda<Func<Article, ArticleRow>>(Expression.MemberInit(init.NewExpression, kept), projection.Parameters);
    }

    private static IEnumerable<string> Split(string fields) =>
        fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
