using System.Text.Json;
using Cms.Api.Infrastructure.Caching;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cms.Api.Articles;

/// <summary>
/// Single articles as anonymous readers get them, kept serialized by the id or slug they were asked by, so a read is a
/// memory copy instead of a query. The article's editorial part is kept as long as it is true: until the content epoch
/// moves (a write here or, via NOTIFY, anywhere) or its own expiresAt passes. Its live counters (views, rating) change
/// far more often and are spliced in on every read from <see cref="ArticleCounters"/>, so keeping the rest does not
/// make them stale. If-None-Match is answered from the kept version without touching the database.
/// </summary>
public sealed class ArticleCache : IDisposable
{
    private readonly MemoryCache _entries;
    private readonly ContentEpoch _epoch;
    private readonly ArticleCounters _counters;
    private readonly TimeProvider _time;
    private readonly JsonSerializerOptions _json;

    public ArticleCache(ContentEpoch epoch, ArticleCounters counters, TimeProvider time, IOptions<JsonOptions> json,
        IOptions<ReadCacheOptions> options)
    {
        _epoch = epoch;
        _counters = counters;
        _time = time;
        _json = json.Value.SerializerOptions;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.ArticleSizeLimitMegabytes * 1024L * 1024L });
    }

    private sealed record Entry(CounterTemplate Template, string ETag, long Epoch, DateTimeOffset Until);

    /// <summary>
    /// The kept article with its current counters, or null when nothing usable is kept. When the article is kept but
    /// its counters were forgotten (nobody read it for a while), <paramref name="forgotten"/> names it: loading just
    /// its counters brings it back, far cheaper than reading and serializing the article again.
    /// </summary>
    public IResult? TryGet(string key, out IReadOnlyList<Guid> forgotten)
    {
        forgotten = [];
        return _entries.TryGetValue(key, out Entry? entry) && entry!.Epoch == _epoch.Value && _time.GetUtcNow() < entry.Until
            ? entry.Template.Answer(_counters, entry.ETag, out forgotten)
            : null;
    }

    /// <summary>Keeps the article as read in <paramref name="epoch"/> (read before the article, so never newer than it).</summary>
    public void Keep(string key, ArticleResponse article, string etag, long epoch)
    {
        if (CounterTemplate.Make([article], marked => marked[0], _json, _counters) is not { } template)
        {
            return;
        }

        // By time alone, only the article's own expiry changes what a reader sees of it. Another article being published
        // or expiring does not, so the read cache's deadline (the next such moment anywhere) is not this entry's: with
        // it, every scheduled publication emptied the whole article cache at once.
        var entry = new Entry(template, etag, epoch, article.ExpiresAt ?? DateTimeOffset.MaxValue);
        _entries.Set(key, entry, new MemoryCacheEntryOptions { Size = template.Length + 128, SlidingExpiration = TimeSpan.FromMinutes(10) });
    }

    public void Dispose() => _entries.Dispose();
}

/// <summary>Serves anonymous reads of one article from <see cref="ArticleCache"/>, and keeps the answers it had to make.</summary>
internal sealed class ArticleCacheFilter(ArticleCache cache, ArticleCounters counters, ContentEpoch epoch) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers.Authorization.Count > 0)
        {
            return await next(context);
        }

        var key = http.Request.Path.Value!;
        if (cache.TryGet(key, out var forgotten) is { } kept)
        {
            return kept;
        }

        if (forgotten.Count > 0 && await counters.LoadAsync(http.RequestServices.GetRequiredService<NpgsqlDataSource>(), forgotten, http.RequestAborted)
            && cache.TryGet(key, out _) is { } refreshed)
        {
            return refreshed;
        }

        // Only the epoch: a kept article does not wait for the next visibility deadline (see Keep), so working it out
        // (two queries after each content change) would be for nothing.
        var readIn = epoch.Value;
        var result = await next(context);
        if ((result is INestedHttpResult nested ? nested.Result : result) is Microsoft.AspNetCore.Http.HttpResults.Ok<ArticleResponse> { Value: { } article }
            && http.Response.Headers.ETag.ToString() is { Length: > 0 } etag)
        {
            cache.Keep(key, article, etag, readIn);
        }

        return result;
    }
}
