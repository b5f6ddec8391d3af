using System.Text.Json;
using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Infrastructure.Paging;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Cms.Api.Infrastructure.Caching;

/// <summary>
/// Serialized answers to anonymous reads, kept by URL. Readers all see the same thing, so one database read and one
/// serialization can serve every reader until something changes. An answer is served only while the content epoch is
/// the one it was made in (no write here or, via NOTIFY, anywhere), no article has become visible or invisible by time
/// since, and it is younger than <see cref="ReadCacheOptions.MaxAgeMilliseconds"/> (counters). Article lists whose order
/// does not depend on counters are kept without the counters (<see cref="CounterTemplate"/>), so age does not end them.
/// </summary>
public sealed class ReadCache : IDisposable
{
    private const string SpliceKey = "Cms.ReadCache.SpliceCounters";
    private const string OnceKey = "Cms.ReadCache.AskedOnce";

    private readonly MemoryCache _entries;
    private readonly ContentEpoch _epoch;
    private readonly ArticleCounters _counters;
    private readonly VisibilityDeadline _deadline;
    private readonly TimeProvider _time;
    private readonly JsonSerializerOptions _json;
    private readonly long _maxAgeMilliseconds;
    private readonly long _maxEntryBytes;

    public ReadCache(ContentEpoch epoch, VisibilityDeadline deadline, ArticleCounters counters, TimeProvider time, IOptions<JsonOptions> json,
        IOptions<ReadCacheOptions> options)
    {
        _epoch = epoch;
        _counters = counters;
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

    /// <summary>A kept answer: its bytes, or its bytes without the articles' counters (<see cref="Template"/>).</summary>
    public sealed record Entry(byte[]? Body, CounterTemplate? Template, string? ETag, long Epoch, DateTimeOffset Until, long MadeAtTicks)
    {
        /// <summary>The answer to write; null when a template's counters were forgotten (see <paramref name="forgotten"/>).</summary>
        public IResult? Answer(ArticleCounters counters, out IReadOnlyList<Guid> forgotten)
        {
            forgotten = [];
            return Template is null ? new KeptAnswer(Body!, ETag) : Template.Answer(counters, ETag, out forgotten);
        }
    }

    /// <summary>What a miss needs to stamp the answer it is about to make: read before the data, so never newer than it.</summary>
    public sealed record Stamp(long Epoch, DateTimeOffset Until);

    public bool TryGet(string key, out Entry entry)
    {
        if (_entries.TryGetValue(key, out Entry? found) && found!.Epoch == _epoch.Value && _time.GetUtcNow() < found.Until
            && (found.Template is not null || Environment.TickCount64 - found.MadeAtTicks < _maxAgeMilliseconds))
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
    /// Marks the answer being made as a list of articles that carry their live counters and whose order and other
    /// content do not depend on them (not sorted by views or rating): it is kept with its counters cut out.
    /// </summary>
    public static void SpliceCounters(HttpContext http) => http.Items[SpliceKey] = true;

    /// <summary>
    /// Marks the answer being made as one nobody will ask for again (a page of one device's sync pass): it is not kept,
    /// so it neither gets an array of its own nor pushes out answers that are asked for again (<see cref="PooledJsonAnswer"/>).
    /// </summary>
    public static void AskedOnce(HttpContext http) => http.Items[OnceKey] = true;

    public static bool IsAskedOnce(HttpContext http) => http.Items.ContainsKey(OnceKey);

    /// <summary>An answer marked <see cref="AskedOnce"/>: written whole from pooled memory, not kept.</summary>
    public IResult AnswerOnce(object value, string? etag) => new PooledJsonAnswer(value, etag, _json);

    /// <summary>
    /// Serializes the answer and keeps it, unless it alone would take more than 1/64 of the cache: such answers (a
    /// page of 500 full articles for an initial sync) are asked for once and would only push out the lists.
    /// </summary>
    public Entry Put(HttpContext http, string key, object value, string? etag, Stamp stamp)
    {
        Entry entry;
        long size;
        if (http.Items.ContainsKey(SpliceKey) && value is PagedList<ArticleResponse> page
            && CounterTemplate.Make(page.Items, items => page with { Items = items }, _json, _counters) is { } template)
        {
            entry = new Entry(null, template, etag, stamp.Epoch, stamp.Until, Environment.TickCount64);
            size = template.Length + template.Articles * 80L;
        }
        else
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), _json);
            entry = new Entry(body, null, etag, stamp.Epoch, stamp.Until, Environment.TickCount64);
            size = body.Length;
        }

        size += key.Length * 2 + 64;
        if (size <= _maxEntryBytes)
        {
            _entries.Set(key, entry, new MemoryCacheEntryOptions { Size = size, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
        }

        return entry;
    }

    public void Dispose() => _entries.Dispose();
}

/// <summary>Serves anonymous GETs from <see cref="ReadCache"/> and keeps the 200 answers it had to make.</summary>
internal sealed class ReadCacheFilter(ReadCache cache, ArticleCounters counters) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) || http.Request.Headers.Authorization.Count > 0)
        {
            return await next(context);
        }

        var key = http.Request.Path.Value + http.Request.QueryString.Value;
        if (cache.TryGet(key, out var kept) && await AnswerAsync(kept, http) is { } answer)
        {
            return answer;
        }

        if (cache.Making.TryGetValue(key, out var making))
        {
            // Another request is making it; if its answer could not be kept (a 404, say), make our own.
            return await making is { } made && await AnswerAsync(made, http) is { } madeAnswer ? madeAnswer : await next(context);
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
                if (ReadCache.IsAskedOnce(http))
                {
                    return cache.AnswerOnce(value, etag.Length == 0 ? null : etag);
                }

                entry = cache.Put(http, key, value, etag.Length == 0 ? null : etag, stamp);
                return entry.Answer(counters, out _) ?? result;
            }

            return result;
        }
        finally
        {
            mine.SetResult(entry);
            cache.Making.TryRemove(new KeyValuePair<string, Task<ReadCache.Entry?>>(key, mine.Task));
        }
    }

    /// <summary>
    /// A kept answer. Counters nobody asked for lately were forgotten: they are read back first (one query for the
    /// page), far cheaper than making the answer again; null when one is gone (its article deleted).
    /// </summary>
    private async ValueTask<IResult?> AnswerAsync(ReadCache.Entry entry, HttpContext http)
    {
        if (entry.Answer(counters, out var forgotten) is { } answer)
        {
            return answer;
        }

        return await counters.LoadAsync(http.RequestServices.GetRequiredService<NpgsqlDataSource>(), forgotten, http.RequestAborted)
            ? entry.Answer(counters, out _)
            : null;
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
        WithCacheFilter(builder, services => new ReadCacheFilter(services.GetRequiredService<ReadCache>(), services.GetRequiredService<ArticleCounters>()));

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
