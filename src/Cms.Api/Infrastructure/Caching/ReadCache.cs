using System.Text.Json;
using Cms.Api.Articles;
using Cms.Api.Data;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Cms.Api.Infrastructure.Caching;

/// <summary>
/// Serialized answers to anonymous reads, kept by URL. Readers all see the same thing, so one database read and one
/// serialization can serve every reader until something changes. An answer is served only while the content epoch is
/// the one it was made in (no write here or, via NOTIFY, anywhere), no article has become visible or invisible by time
/// since, and it is younger than <see cref="ReadCacheOptions.MaxAgeMilliseconds"/> (counters).
/// </summary>
public sealed class ReadCache : IDisposable
{
    private readonly MemoryCache _entries;
    private readonly ContentEpoch _epoch;
    private readonly VisibilityDeadline _deadline;
    private readonly TimeProvider _time;
    private readonly JsonSerializerOptions _json;
    private readonly long _maxAgeMilliseconds;
    private readonly long _maxEntryBytes;

    public ReadCache(ContentEpoch epoch, VisibilityDeadline deadline, TimeProvider time, IOptions<JsonOptions> json, IOptions<ReadCacheOptions> options)
    {
        _epoch = epoch;
        _deadline = deadline;
        _time = time;
        _json = json.Value.SerializerOptions;
        _maxAgeMilliseconds = options.Value.MaxAgeMilliseconds;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimitMegabytes * 1024L * 1024L });
        _maxEntryBytes = options.Value.SizeLimitMegabytes * 1024L * 1024L / 64;
    }

    /// <summary>
    /// Answers being made now, by URL. One reader makes a missing answer; readers asking for the same URL meanwhile wait
    /// for it instead of all going to the database at once (when page 1 of a list expires, dozens would miss together).
    /// </summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, Task<Entry?>> Making { get; } = new();

    public sealed record Entry(byte[] Body, string? ETag, long Epoch, DateTimeOffset Until, long MadeAtTicks);

    /// <summary>What a miss needs to stamp the answer it is about to make: read before the data, so never newer than it.</summary>
    public sealed record Stamp(long Epoch, DateTimeOffset Until);

    public bool TryGet(string key, out Entry entry)
    {
        if (_entries.TryGetValue(key, out Entry? found) && found!.Epoch == _epoch.Value && _time.GetUtcNow() < found.Until
            && Environment.TickCount64 - found.MadeAtTicks < _maxAgeMilliseconds)
        {
            entry = found;
            return true;
        }

        entry = null!;
        return false;
    }

    public async Task<Stamp> StampAsync(CmsDbContext db, CancellationToken cancellationToken)
    {
        var epoch = _epoch.Value;
        return new Stamp(epoch, await _deadline.NextAsync(db, epoch, _time.GetUtcNow(), cancellationToken));
    }

    /// <summary>
    /// Serializes the answer and keeps it, unless it alone would take more than 1/64 of the cache: such answers (a
    /// page of 500 full articles for an initial sync) are asked for once and would only push out the lists.
    /// </summary>
    public Entry Put(string key, object value, string? etag, Stamp stamp)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), _json);
        var entry = new Entry(body, etag, stamp.Epoch, stamp.Until, Environment.TickCount64);
        var size = body.Length + key.Length * 2 + 64;
        if (size <= _maxEntryBytes)
        {
            _entries.Set(key, entry, new MemoryCacheEntryOptions { Size = size, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
        }

        return entry;
    }

    public void Dispose() => _entries.Dispose();
}

/// <summary>Serves anonymous GETs from <see cref="ReadCache"/> and keeps the 200 answers it had to make.</summary>
internal sealed class ReadCacheFilter(ReadCache cache) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) || http.Request.Headers.Authorization.Count > 0)
        {
            return await next(context);
        }

        var key = http.Request.Path.Value + http.Request.QueryString.Value;
        if (cache.TryGet(key, out var kept))
        {
            return new KeptAnswer(kept.Body, kept.ETag);
        }

        if (cache.Making.TryGetValue(key, out var making))
        {
            // Another request is making it; if its answer could not be kept (a 404, say), make our own.
            return await making is { } made ? new KeptAnswer(made.Body, made.ETag) : await next(context);
        }

        var mine = new TaskCompletionSource<ReadCache.Entry?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!cache.Making.TryAdd(key, mine.Task))
        {
            return await next(context);
        }

        ReadCache.Entry? entry = null;
        try
        {
            var stamp = await cache.StampAsync(http.RequestServices.GetRequiredService<CmsDbContext>(), http.RequestAborted);
            var result = await next(context);
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            if (inner is IValueHttpResult { Value: { } value } && inner is IStatusCodeHttpResult { StatusCode: null or StatusCodes.Status200OK }
                && http.Response.StatusCode == StatusCodes.Status200OK)
            {
                var etag = http.Response.Headers[HeaderNames.ETag].ToString();
                entry = cache.Put(key, value, etag.Length == 0 ? null : etag, stamp);
                return new KeptAnswer(entry.Body, entry.ETag);
            }

            return result;
        }
        finally
        {
            mine.SetResult(entry);
            cache.Making.TryRemove(new KeyValuePair<string, Task<ReadCache.Entry?>>(key, mine.Task));
        }
    }
}

internal static class ReadCacheSetup
{
    public static IServiceCollection AddCmsReadCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReadCacheOptions>().Bind(configuration.GetSection(ReadCacheOptions.SectionName))
            .Validate(o => o.MaxAgeMilliseconds is >= 0 and <= 60_000, "Cms:ReadCache:MaxAgeMilliseconds must be 0..60000.")
            .Validate(o => o.SizeLimitMegabytes > 0, "Cms:ReadCache:SizeLimitMegabytes must be positive.")
            .Validate(o => o.CountersForgetSeconds > 0, "Cms:ReadCache:CountersForgetSeconds must be positive.")
            .ValidateOnStart();
        services.AddSingleton<VisibilityDeadline>();
        services.AddSingleton<ReadCache>();
        services.AddSingleton<ArticleCounters>();
        services.AddSingleton<ArticleCache>();
        if (!BuildTime.IsGeneratingOpenApi)
        {
            services.AddHostedService<ArticleCounterRefresher>();
        }
        return services;
    }

    /// <summary>Anonymous reads of one article are served from the article cache (when Cms:ReadCache:Enabled).</summary>
    public static TBuilder CachedArticleForReaders<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        WithCacheFilter(builder, services => new ArticleCacheFilter(
            services.GetRequiredService<ArticleCache>(), services.GetRequiredService<ArticleCounters>(), services.GetRequiredService<ContentEpoch>()));

    /// <summary>Anonymous reads of this endpoint are served from the read cache (when Cms:ReadCache:Enabled).</summary>
    public static TBuilder CachedForReaders<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        WithCacheFilter(builder, services => new ReadCacheFilter(services.GetRequiredService<ReadCache>()));

    private static TBuilder WithCacheFilter<TBuilder>(TBuilder builder, Func<IServiceProvider, IEndpointFilter> make)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint.ApplicationServices.GetRequiredService<IOptions<ReadCacheOptions>>().Value.Enabled)
            {
                endpoint.FilterFactories.Add((_, next) =>
                {
                    var filter = make(endpoint.ApplicationServices);
                    return invocation => filter.InvokeAsync(invocation, next);
                });
            }
        });
        return builder;
    }
}
