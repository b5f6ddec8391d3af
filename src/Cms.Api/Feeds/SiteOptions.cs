namespace Cms.Api.Feeds;

/// <summary>The public site the feeds and sitemaps point readers and crawlers at; bound from <c>Cms:Site</c>.</summary>
public sealed class SiteOptions
{
    public const string SectionName = "Cms:Site";

    /// <summary>Google's and sitemaps.org's limit on URLs in one sitemap file.</summary>
    public const int MaxUrlsPerFile = 50_000;

    /// <summary>
    /// Where readers read articles, e.g. https://baolaichau.vn. Development sets http://localhost:5080 (this service's own
    /// reader); elsewhere, unset, feeds and sitemaps answer 503 site_not_configured rather than guess from a Host header.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>An article's public address: {baseUrl}, {slug} and {id} are filled in.</summary>
    public string ArticleUrlTemplate { get; set; } = "{baseUrl}/{slug}";

    /// <summary>The publication's name: feed titles, and Google News' news:publication.</summary>
    public string Name { get; set; } = "Cms";

    /// <summary>ISO 639 language code of the articles.</summary>
    public string Language { get; set; } = "vi";

    /// <summary>URLs in one articles sitemap file, at most <see cref="MaxUrlsPerFile"/>.</summary>
    public int SitemapUrlsPerFile { get; set; } = MaxUrlsPerFile;

    /// <summary>Where feeds and sitemaps send readers: the article's canonical URL when its SEO names one, else the template's.</summary>
    public string? LinkTo(Guid id, string slug, string? canonicalUrl) => canonicalUrl ?? ArticleUrl(id, slug);

    /// <summary>An article's address on the site, from the template; null when no BaseUrl is set.</summary>
    public string? ArticleUrl(Guid id, string slug) => BaseUrl is { Length: > 0 } baseUrl
        ? ArticleUrlTemplate.Replace("{baseUrl}", baseUrl.TrimEnd('/'), StringComparison.Ordinal)
            .Replace("{slug}", Uri.EscapeDataString(slug), StringComparison.Ordinal)
            .Replace("{id}", id.ToString(), StringComparison.Ordinal)
        : null;
}
