using Cms.Api.Articles;

namespace Cms.Api.Sync;

/// <summary>Store <c>items</c>, remove <c>deleted</c>, keep <c>nextToken</c>; while <c>hasMore</c>, ask again at once.</summary>
public sealed record SyncResponse(IReadOnlyList<ArticleResponse> Items, IReadOnlyList<Guid> Deleted, string NextToken, bool HasMore);
