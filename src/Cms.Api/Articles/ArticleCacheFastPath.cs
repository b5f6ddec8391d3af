using Cms.Api.Infrastructure.Caching;
using Microsoft.Extensions.Options;

namespace Cms.Api.Articles;

/// <summary>
/// Answers an anonymous reader's <c>GET /api/v1/articles/{idOrSlug}</c> from the article cache before routing, when it
/// is kept with its counters: the same bytes, ETag and 304 the endpoint's cache filter would give, without routing,
/// parameter binding and the middleware after this one. It sits after the security headers, compression and the
/// exception handler, so answers look the same either way. Anything it is not sure of (a token, a CORS request, a
/// miss, forgotten counters) goes down the pipeline as before, where <see cref="ArticleCacheFilter"/> handles it.
/// </summary>
internal static class ArticleCacheFastPath
{
    private const string Prefix = "/api/v1/articles/";

    public static IApplicationBuilder UseArticleCacheFastPath(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<ReadCacheOptions>>().Value.Enabled)
        {
            return app;
        }

        var cache = app.ApplicationServices.GetRequiredService<ArticleCache>();
        return app.Use((context, next) =>
        {
            var request = context.Request;
            return HttpMethods.IsGet(request.Method)
                && request.Path.Value is { } path && path.Length > Prefix.Length
                && path.StartsWith(Prefix, StringComparison.Ordinal)
                && path.IndexOf('/', Prefix.Length) < 0
                && request.Headers.Authorization.Count == 0
                && request.Headers.Origin.Count == 0
                && cache.TryGet(path, out _) is { } kept
                ? kept.ExecuteAsync(context)
                : next(context);
        });
    }
}
