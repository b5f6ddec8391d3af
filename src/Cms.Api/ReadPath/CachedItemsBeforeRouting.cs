using Microsoft.Extensions.Options;

namespace Cms.Api.ReadPath;

/// <summary>
/// Answers an anonymous GET of a cached single item (an article) before routing: the same bytes, ETag and 304 the
/// endpoint's filter would give, without routing, binding and the middleware after this. Anything else (a token, a
/// CORS request, a miss, evicted counters) goes down the pipeline, where <see cref="ReadCacheFilter"/> handles it.
/// </summary>
internal static class CachedItemsBeforeRouting
{
    public static IApplicationBuilder UseCachedItemsBeforeRouting(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<ReadCacheOptions>>().Value.Enabled)
        {
            return app;
        }

        var cache = app.ApplicationServices.GetRequiredService<ResponseCache>();
        var counters = app.ApplicationServices.GetRequiredService<ArticleCounters>();
        return app.Use((context, next) =>
        {
            var request = context.Request;
            return HttpMethods.IsGet(request.Method)
                && request.Headers.Authorization.Count == 0
                && request.Headers.Origin.Count == 0
                && request.Path.Value is { } path
                && cache.TryGetItem(path, out var entry)
                && entry.Answer(counters, out _) is { } answer
                ? answer.ExecuteAsync(context)
                : next(context);
        });
    }
}
