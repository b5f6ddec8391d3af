using Cms.Api.Content;

namespace Cms.Api.Feeds;

public static class FeedSetup
{
    public static IServiceCollection AddCmsFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.SectionName))
            .Validate(o => string.IsNullOrEmpty(o.BaseUrl) || WebUrl.IsHttp(o.BaseUrl), "Cms:Site:BaseUrl must be an absolute http(s) URL.")
            .Validate(o => o.ArticleUrlTemplate.Contains("{slug}", StringComparison.Ordinal) || o.ArticleUrlTemplate.Contains("{id}", StringComparison.Ordinal),
                "Cms:Site:ArticleUrlTemplate must contain {slug} or {id}.")
            .Validate(o => o.ArticleUrl(Guid.Empty, "slug") is not { } url || WebUrl.IsHttp(url),
                "Cms:Site:ArticleUrlTemplate must make an absolute http(s) URL (start it with {baseUrl}).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Name) && !string.IsNullOrWhiteSpace(o.Language), "Cms:Site:Name and Cms:Site:Language must be set.")
            .Validate(o => o.SitemapUrlsPerFile is >= 1 and <= SiteOptions.MaxUrlsPerFile, "Cms:Site:SitemapUrlsPerFile must be 1..50000.")
            .ValidateOnStart();
        return services;
    }
}
