using System.Collections.Concurrent;
using System.Text.Json;
using Cms.Api.Data;
using Cms.Api.Infrastructure.Memory;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Cms.Api.ReadPath;

/// <summary>
/// Serialized answers to anonymous reads, by URL, fresh while their epoch holds, their visibility deadline (an item: its
/// own expiry; a document: also its own) lies ahead and, unless spliced or a document, they are younger than
/// MaxAgeMilliseconds. Items have a store of their own.
/// </summary>
public sealed class ResponseCache : IDisposable
{
    private readonly MemoryCache _answers;
    private readonly MemoryCache _items;
    private readonly ContentEpoch _epoch;
    private readonly ArticleCounters _counters;
    private readonly VisibilityDeadline _deadline;
    private readonly TimeProvider _time;
    private readonly JsonSerializerOptions _json;
    private readonly TimeSpan _maxAge;
    private readonly long _maxAnswerBytes;

    public ResponseCache(ContentEpoch epoch, VisibilityDeadline deadline, ArticleCounters counters, TimeProvider time, IOptions<JsonOptions> json,
        IOptions<ReadCacheOptions> options, CacheBudget budget)
    {
        _epoch = epoch;
        _counters = counters;
        _deadline = deadline;
        _time = time;
        _json = json.Value.SerializerOptions;
        _maxAge = TimeSpan.FromMilliseconds(options.Value.MaxAgeMilliseconds);
        var answerBytes = options.Value.SizeLimitMegabytes * 1024L * 1024L ?? budget.AnswerBytes;
        _answers = new MemoryCache(new MemoryCacheOptions { SizeLimit = answerBytes });
        _items = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.ArticleSizeLimitMegabytes * 1024L * 1024L ?? budget.ArticleBytes });
        // One answer may take at most 1/64 of its store: a 500-article sync page would only push out the lists.
        _maxAnswerBytes = answerBytes / 64;
    }

    /// <summary>Answers being read now, by key: one request reads a missing answer, the others asking meanwhile wait for it.</summary>
    internal ConcurrentDictionary<string, Task<Entry?>> Filling { get; } = new();

    /// <summary>A cached answer: its bytes, or a body whose counters are spliced in on every read.</summary>
    public sealed record Entry(byte[]? Body, CounterSplicedBody? Spliced, string? ETag, long Epoch, DateTimeOffset Until, long CachedAt, CacheTags? Tags)
    {
        public string ContentType { get; init; } = CachedBodyResult.Json;

        /// <summary>Stale after MaxAgeMilliseconds: whole answers that may show counters (spliced ones and documents do not).</summary>
        public bool Ages { get; init; } = true;

        /// <summary>The answer to write; null when some of its counters were evicted (<paramref name="evicted"/> names them).</summary>
        public IResult? Answer(ArticleCounters counters, out IReadOnlyList<Guid> evicted)
        {
            evicted = [];
            return Spliced is null ? new CachedBodyResult(Body!, ETag, Tags, ContentType) : Spliced.Answer(counters, ETag, Tags, out evicted);
        }
    }

    /// <summary>What an answer about to be read is stamped with: taken before the data, so never newer than it.</summary>
    public sealed record Stamp(long Epoch, DateTimeOffset Until);

    public bool TryGetAnswer(string key, out Entry entry) => TryGet(_answers, key, out entry);

    public bool TryGetItem(string path, out Entry entry) => TryGet(_items, path, out entry);

    public async Task<Stamp> StampAsync(CmsDbContext db, bool item, CancellationToken cancellationToken)
    {
        var epoch = _epoch.Value;
        // An item does not wait for the next visibility deadline (only its own expiry changes it): no queries for it.
        return item ? new Stamp(epoch, DateTimeOffset.MaxValue) : new Stamp(epoch, await _deadline.NextAsync(db, epoch, _time.GetUtcNow(), cancellationToken));
    }

    /// <summary>An answer its policy does not cache: written whole from pooled memory.</summary>
    public IResult Uncached(object value, string? etag) => new PooledJsonResult(value, etag, _json);

    /// <summary>Serializes the answer under its policy and caches it (unless it is too large to be worth it).</summary>
    public Entry Put(HttpContext http, string key, ReadCachePolicy policy, object value, string? etag, Stamp stamp)
    {
        var now = _time.GetTimestamp();
        var spliced = policy.Splice is { } splice && !policy.WholeWhen(http) ? splice(value, _json, _counters) : null;
        Entry entry;
        long size;
        if (spliced is not null)
        {
            entry = new Entry(null, spliced, etag, stamp.Epoch, stamp.Until, now, CacheTags.Of(http.Request.Path, spliced.Ids)) { Ages = false };
            size = spliced.Length + spliced.Items * 80L;
        }
        else if (value is DocumentResult document)
        {
            var until = document.StaleAt < stamp.Until ? document.StaleAt.Value : stamp.Until;
            entry = new Entry(document.Body, null, etag ?? document.ETag, stamp.Epoch, until, now, CacheTags.Of(http.Request.Path, document.ArticleIds))
            {
                ContentType = document.ContentType,
                Ages = false,
            };
            size = document.Body.Length;
        }
        else
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), _json);
            entry = new Entry(body, null, etag, stamp.Epoch, stamp.Until, now, CacheTags.Of(http.Request.Path, []));
            size = body.Length;
        }

        size += key.Length * 2 + 64;
        if (policy.ItemExpiry is { } expiry)
        {
            entry = entry with { Until = expiry(value) ?? DateTimeOffset.MaxValue };
            _items.Set(key, entry, new MemoryCacheEntryOptions { Size = size, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }
        else if (size <= _maxAnswerBytes)
        {
            _answers.Set(key, entry, new MemoryCacheEntryOptions { Size = size, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
        }

        return entry;
    }

    public void Dispose()
    {
        _answers.Dispose();
        _items.Dispose();
    }

    /// <summary>Read in the current epoch, before its deadline and, if it ages, young enough.</summary>
    public bool IsFresh(Entry entry) =>
        entry.Epoch == _epoch.Value && _time.GetUtcNow() < entry.Until && (!entry.Ages || _time.GetElapsedTime(entry.CachedAt) < _maxAge);

    private bool TryGet(MemoryCache store, string key, out Entry entry)
    {
        if (store.TryGetValue(key, out Entry? found) && IsFresh(found!))
        {
            entry = found!;
            return true;
        }

        entry = null!;
        return false;
    }
}
