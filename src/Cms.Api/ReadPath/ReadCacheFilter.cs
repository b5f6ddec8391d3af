using Cms.Api.Data;
using Cms.Api.Infrastructure.Observability;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Cms.Api.ReadPath;

/// <summary>Serves anonymous GETs from <see cref="ResponseCache"/> under the endpoint's policy, and caches the 200s it had to read.</summary>
internal sealed class ReadCacheFilter(ResponseCache cache, ArticleCounters counters, CmsMetrics metrics, ReadCachePolicy policy) : IEndpointFilter
{
    private readonly bool _item = policy.ItemExpiry is not null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) || http.Request.Headers.Authorization.Count > 0)
        {
            return await next(context);
        }

        var request = http.Request;
        var key = _item ? request.Path.Value! : (policy.KeyedByHost ? request.Scheme + "://" + request.Host.Value : "") + request.Path.Value + request.QueryString.Value;
        if ((_item ? cache.TryGetItem(key, out var cached) : cache.TryGetAnswer(key, out cached)) && await AnswerAsync(cached, http) is { } answer)
        {
            metrics.ReadCacheHit();
            return answer;
        }

        metrics.ReadCacheMiss();

        if (cache.Filling.TryGetValue(key, out var filling))
        {
            // Another request is reading it; if its answer could not be cached (a 404, say) or a write made it stale
            // meanwhile (read-your-writes), read our own.
            return await filling.WaitAsync(http.RequestAborted) is { } filled && cache.IsFresh(filled) && await AnswerAsync(filled, http) is { } filledAnswer
                ? filledAnswer
                : await next(context);
        }

        var mine = new TaskCompletionSource<ResponseCache.Entry?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!cache.Filling.TryAdd(key, mine.Task))
        {
            return await next(context);
        }

        ResponseCache.Entry? entry = null;
        try
        {
            var stamp = await cache.StampAsync(http.RequestServices.GetRequiredService<CmsDbContext>(), _item, http.RequestAborted);
            var result = await next(context);
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            if (inner is IValueHttpResult { Value: { } value } && inner is IStatusCodeHttpResult { StatusCode: null or StatusCodes.Status200OK }
                && http.Response.StatusCode == StatusCodes.Status200OK)
            {
                var etag = http.Response.Headers[HeaderNames.ETag].ToString() is { Length: > 0 } set ? set : null;
                if (!policy.Caches(value))
                {
                    return cache.Uncached(value, etag);
                }

                entry = cache.Put(http, key, policy, value, etag, stamp);
                return entry.Answer(counters, out _) ?? result;
            }

            return result;
        }
        finally
        {
            mine.SetResult(entry);
            cache.Filling.TryRemove(new KeyValuePair<string, Task<ResponseCache.Entry?>>(key, mine.Task));
        }
    }

    /// <summary>A cached answer, its evicted counters read back first (one query); null when one is gone (deleted).</summary>
    private async ValueTask<IResult?> AnswerAsync(ResponseCache.Entry entry, HttpContext http)
    {
        if (entry.Answer(counters, out var evicted) is { } answer)
        {
            return answer;
        }

        return await counters.LoadAsync(http.RequestServices.GetRequiredService<NpgsqlDataSource>(), evicted, http.RequestAborted)
            ? entry.Answer(counters, out _)
            : null;
    }
}
