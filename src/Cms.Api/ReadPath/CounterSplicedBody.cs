using System.Text.Json;

namespace Cms.Api.ReadPath;

/// <summary>
/// A cached JSON answer whose items' counters (viewCount, rating) are spliced in from <see cref="ArticleCounters"/> on
/// every read, so counters changing do not invalidate it. It holds the bytes as last written and where the counters sit:
/// while they are the same objects the same bytes are served; when one changes, the bytes are rebuilt around it. While
/// <see cref="ArticleCounters.Generation"/> is the one its counters were last checked at, none of them can have changed
/// or gone, and the bytes are served with no lookup per item (but for a look every so often that keeps them held).
/// </summary>
public sealed class CounterSplicedBody
{
    // Written in place of the counters, then cut out: values no article can have, each item its own (index subtracted),
    // all of one digit count so none can be found inside another.
    private const long ViewsMark = -7_302_017_101_000_000;
    private const long PointsMark = -7_302_017_102_000_000;
    private const int CountMark = -730_201_701;
    private const int MaxItems = 100_000;

    private readonly Guid[] _ids;
    // The bytes around the counters: part 2i comes before item i's view count, 2i + 1 between it and its rating, the last
    // after everything. Their lengths never change; where they start does, with the counters' lengths.
    private readonly int[] _partLengths;
    private readonly JsonSerializerOptions _json;
    private volatile Written _written;
    private volatile Checked? _checked;

    /// <summary>The answer's bytes, where each part starts in them, and the counters written between (null: marks).</summary>
    private sealed record Written(byte[] Body, int[] PartStarts, ArticleCounters.Json?[] Counters);

    /// <summary>Bytes whose counters were all found current at <paramref name="Generation"/>, looked up at <paramref name="At"/>.</summary>
    private sealed record Checked(Written Written, long Generation, long At);

    private CounterSplicedBody(Guid[] ids, int[] partLengths, Written marked, JsonSerializerOptions json)
    {
        _ids = ids;
        _partLengths = partLengths;
        _written = marked;
        _json = json;
    }

    /// <summary>The answer's size as last written: what caching it costs, give or take a few small arrays.</summary>
    public int Length => _written.Body.Length;

    public int Items => _ids.Length;

    /// <summary>
    /// <paramref name="shape"/> builds the answer around the items it is given (the same items, marked); null when the
    /// marks cannot all be found in order (an answer shape this does not know). The items' counters as read are added to
    /// <paramref name="counters"/>, which keeps what it already holds.
    /// </summary>
    public static CounterSplicedBody? Make<T>(IReadOnlyList<T> items, Func<IReadOnlyList<T>, object> shape, JsonSerializerOptions json,
        ArticleCounters counters) where T : ICarriesCounters<T>
    {
        if (items.Count > MaxItems)
        {
            return null;
        }

        var marked = items.Select((a, i) => a.WithCounters(ViewsMark - i, new RatingSummary(PointsMark - i, CountMark, null))).ToList();
        var value = shape(marked);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json);
        var starts = new int[items.Count * 2 + 1];
        var lengths = new int[starts.Length];
        var at = 0;
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var (part, mark) in (ReadOnlySpan<(int, byte[])>)[
                (2 * i, JsonSerializer.SerializeToUtf8Bytes(ViewsMark - i)),
                (2 * i + 1, JsonSerializer.SerializeToUtf8Bytes(marked[i].Rating, json))])
            {
                var found = bytes.AsSpan(at).IndexOf(mark);
                if (found < 0)
                {
                    return null;
                }

                (starts[part], lengths[part]) = (at, found);
                at += found + mark.Length;
            }
        }

        (starts[^1], lengths[^1]) = (at, bytes.Length - at);
        foreach (var item in items)
        {
            counters.AddIfMissing(item.Id, new ArticleCounters.Counters(item.ViewCount, item.Rating.TotalPoints, item.Rating.Count));
        }

        var body = new CounterSplicedBody(items.Select(a => a.Id).ToArray(), lengths, new Written(bytes, starts, new ArticleCounters.Json?[items.Count]), json);
        // Written with the real counters now, while the marked bytes are young: left to the first read, every cached
        // answer was built twice and its first bytes died in the oldest generation.
        body.Current(counters, out _);
        return body;
    }

    /// <summary>The answer with its items' current counters; null when some were evicted, and <paramref name="evicted"/> names them.</summary>
    public IResult? Answer(ArticleCounters counters, string? etag, CacheTags? tags, out IReadOnlyList<Guid> evicted) =>
        Current(counters, out evicted) is { } written ? new CachedBodyResult(written.Body, etag, tags) : null;

    /// <summary>The articles whose counters it carries, in order.</summary>
    public IReadOnlyList<Guid> Ids => _ids;

    private Written? Current(ArticleCounters counters, out IReadOnlyList<Guid> evicted)
    {
        // Read before the counters: a change made while they are read moves the generation past this one.
        var generation = counters.Generation;
        var now = counters.Now;
        if (_checked is { } checkedAt && checkedAt.Generation == generation && !counters.NeedsTouch(checkedAt.At, now))
        {
            evicted = [];
            return checkedAt.Written;
        }

        var written = _written;
        ArticleCounters.Json?[]? changed = null;
        List<Guid>? missing = null;
        for (var i = 0; i < _ids.Length; i++)
        {
            if (!counters.TryGet(_ids[i], out var current))
            {
                (missing ??= []).Add(_ids[i]);
                continue;
            }

            // Counters evicted and read back are a new object with the same values: nothing is rewritten, and nothing new
            // is stored into this (by then old) answer, since young objects in old ones slow the GC's young collections.
            var had = written.Counters[i];
            var json = current.ToJson(_json);
            if (changed is null && !ReferenceEquals(json, had) && had?.Source.SameValues(current) != true)
            {
                changed = (ArticleCounters.Json?[])written.Counters.Clone();
            }

            changed?[i] = json;
        }

        evicted = missing ?? [];
        if (missing is not null)
        {
            return null;
        }

        if (changed is not null)
        {
            // Another reader may be doing the same; either result is right, and the later one stays.
            _written = written = Rewrite(written, changed);
        }

        _checked = new Checked(written, generation, now);
        return written;
    }

    private Written Rewrite(Written old, ArticleCounters.Json?[] counters)
    {
        var length = _partLengths.Sum() + counters.Sum(c => c!.Views.Length + c.Rating.Length);
        var body = new byte[length];
        var starts = new int[_partLengths.Length];
        var at = 0;
        for (var part = 0; part < _partLengths.Length; part++)
        {
            starts[part] = at;
            old.Body.AsSpan(old.PartStarts[part], _partLengths[part]).CopyTo(body.AsSpan(at));
            at += _partLengths[part];
            if (part < _partLengths.Length - 1)
            {
                var counter = counters[part / 2]!;
                var value = part % 2 == 0 ? counter.Views : counter.Rating;
                value.CopyTo(body, at);
                at += value.Length;
            }
        }

        return new Written(body, starts, counters);
    }
}
