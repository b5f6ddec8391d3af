using Cms.Api.Articles;

namespace Cms.Api.Sync;

/// <summary>Store <c>items</c>, remove <c>deleted</c>, keep <c>nextToken</c>; while <c>hasMore</c>, ask again at once.</summary>
public sealed record SyncResponse(IReadOnlyList<ArticleResponse> Items, IReadOnlyList<SyncMedia> Media, IReadOnlyList<Guid> Deleted, string NextToken, bool HasMore);

/// <summary>A picture the page's articles show (cover or body): fetch <c>url</c> with <c>w</c>/<c>format</c> to keep it offline.</summary>
public sealed record SyncMedia(Guid Id, string Url, string ContentType, int Width, int Height, string? Alt);
