namespace Cms.Api.ReadPath;

/// <summary>
/// What a cached answer holds, named for a CDN's purge by tag: its kind (<c>articles</c>, <c>authors</c>, <c>categories</c>,
/// <c>sync</c>, <c>feeds</c>, <c>sitemaps</c>) and <c>article-{id}</c> for each article in it. A webhook receiver purges
/// these when the article changes.
/// </summary>
public sealed record CacheTags(string SurrogateKey, string CacheTag)
{
    public static CacheTags? Of(PathString path, IEnumerable<Guid> articleIds)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["api", "v1", var kind, ..])
        {
            return null;
        }

        var tags = new List<string> { kind };
        tags.AddRange(articleIds.Select(id => $"article-{id}"));
        if (tags.Count > 1 && kind != "articles")
        {
            tags.Insert(1, "articles");
        }

        return new CacheTags(string.Join(' ', tags), string.Join(',', tags));
    }
}
