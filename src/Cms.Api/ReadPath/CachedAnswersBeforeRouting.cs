using Cms.Api.Infrastructure.Observability;
using Microsoft.Extensions.Options;

namespace Cms.Api.ReadPath;

/// <summary>
/// Answers an anonymous GET of a cached answer before routing: a single item (an article) by its path, a list, search,
/// related list or sync page by its path and query, with the same bytes, ETag and 304 the endpoint's filter would give,
/// without routing, binding and the middleware after this. Anything else (a token, a CORS request, a miss, evicted
/// counters, documents, which are cached by host) goes down the pipeline, where <see cref="ReadCacheFilter"/> handles it.
/// </summary>
internal static class CachedAnswersBeforeRouting
{
    public static IApplicationBuilder UseCachedAnswersBeforeRouting(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<ReadCacheOptions>>().Value.Enabled)
        {
            return app;
        }

        var cache = app.ApplicationServices.GetRequiredService<ResponseCache>();
        var counters = app.ApplicationServices.GetRequiredService<ArticleCounters>();
        var metrics = app.ApplicationServices.GetRequiredService<CmsMetrics>();
        return app.Use((context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method)
                && request.Headers.Authorization.Count == 0
                && request.Headers.Origin.Count == 0
                && request.Path.Value is { } path
                && (cache.TryGetItem(path, out var entry) || cache.TryGetAnswer(path + request.QueryString.Value, out entry))
                && entry.Answer(counters, out _) is { } answer)
            {
                metrics.ReadCacheHit();
                return answer.ExecuteAsync(context);
            }

            return next(context);
        });
    }
}
