using System.Text.Json.Serialization;
using Cms.Api.Articles;
using Cms.Api.Authors;
using Cms.Api.Categories;

namespace Cms.Api.Sync;

/// <summary>
/// Store <c>items</c>, <c>categories</c> and <c>authors</c>; remove <c>deleted</c>, <c>deletedCategories</c> and
/// <c>deletedAuthors</c>; keep <c>nextToken</c>; while <c>hasMore</c>, ask again at once.
/// </summary>
public sealed record SyncResponse(
    IReadOnlyList<ArticleResponse> Items,
    IReadOnlyList<SyncMedia> Media,
    IReadOnlyList<Guid> Deleted,
    IReadOnlyList<CategoryResponse> Categories,
    IReadOnlyList<Guid> DeletedCategories,
    IReadOnlyList<AuthorResponse> Authors,
    IReadOnlyList<Guid> DeletedAuthors,
    string NextToken,
    bool HasMore)
{
    /// <summary>Nothing to store or remove: the answer every device polling an up-to-date token gets.</summary>
    [JsonIgnore]
    public bool IsEmpty => Items.Count == 0 && Deleted.Count == 0 && Categories.Count == 0 && DeletedCategories.Count == 0 && Authors.Count == 0
        && DeletedAuthors.Count == 0;
}

/// <summary>
/// A picture the page's articles show (cover or body). <c>renditions</c> are the files the reader pages load for it (list
/// thumbnails, the cover's sizes, the body's addresses as written): fetch exactly those to show the pages offline.
/// </summary>
public sealed record SyncMedia(Guid Id, string Url, string ContentType, int Width, int Height, string? Alt, IReadOnlyList<string> Renditions);
