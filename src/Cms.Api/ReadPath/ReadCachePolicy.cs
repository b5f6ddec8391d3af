using System.Text.Json;
using Cms.Api.Infrastructure.Paging;

namespace Cms.Api.ReadPath;

/// <summary>
/// How an endpoint's anonymous answers are cached: endpoint metadata, attached with
/// <see cref="ReadCacheEndpointExtensions.CachedForReaders"/>. Handlers know nothing of it.
/// </summary>
public sealed class ReadCachePolicy
{
    private ReadCachePolicy()
    {
    }

    /// <summary>The whole answer's bytes, valid at most Cms:ReadCache:MaxAgeMilliseconds (it may show counters).</summary>
    public static ReadCachePolicy WholeAnswers { get; } = new();

    /// <summary>Builds the answer's spliced body; null when the value is not the expected shape.</summary>
    internal Func<object, JsonSerializerOptions, ArticleCounters, CounterSplicedBody?>? Splice { get; private init; }

    /// <summary>Requests whose answers are cached whole even though they could be spliced (their order follows the counters).</summary>
    internal Func<HttpContext, bool> WholeWhen { get; private init; } = _ => false;

    /// <summary>Values worth caching; the others are written from pooled memory and not cached.</summary>
    internal Func<object, bool> Caches { get; private init; } = _ => true;

    /// <summary>Set for single items: cached by path, until their own expiry, and served before routing.</summary>
    internal Func<object, DateTimeOffset?>? ItemExpiry { get; private init; }

    /// <summary>Set for documents: their links name the host asked (a sitemap index), so a forged Host header gets its own entry.</summary>
    internal bool KeyedByHost { get; private init; }

    /// <summary>
    /// Documents a handler wrote whole (<see cref="DocumentResult"/>: feeds, sitemaps), kept as their bytes and content type
    /// until content changes, the visibility deadline or their own StaleAt; no max age, as they show no counters.
    /// </summary>
    public static ReadCachePolicy Documents { get; } = new() { Caches = value => value is DocumentResult, KeyedByHost = true };

    /// <summary>Pages of items with live counters, spliced on every read; whole (and aged) when <paramref name="wholeWhen"/> says.</summary>
    public static ReadCachePolicy PagesWithCounters<T>(Func<HttpContext, bool> wholeWhen) where T : ICarriesCounters<T> => new()
    {
        Splice = (value, json, counters) => value is PagedList<T> page
            ? CounterSplicedBody.Make(page.Items, items => page with { Items = items }, json, counters)
            : null,
        WholeWhen = wholeWhen,
    };

    /// <summary>
    /// One item with live counters, cached until content changes or its own expiry (another item's publishing or expiry
    /// does not change it), and answered before routing.
    /// </summary>
    public static ReadCachePolicy ItemWithCounters<T>(Func<T, DateTimeOffset?> expiresAt) where T : class, ICarriesCounters<T> => new()
    {
        Splice = (value, json, counters) => value is T item ? CounterSplicedBody.Make([item], marked => marked[0], json, counters) : null,
        ItemExpiry = value => expiresAt((T)value),
    };

    /// <summary>Whole answers, cached only when <paramref name="caches"/> says so.</summary>
    public static ReadCachePolicy WholeAnswersWhen<T>(Func<T, bool> caches) => new() { Caches = value => value is T typed && caches(typed) };
}
