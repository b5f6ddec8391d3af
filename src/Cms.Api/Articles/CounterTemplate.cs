using System.Text.Json;
using Cms.Api.Infrastructure.Caching;

namespace Cms.Api.Articles;

/// <summary>
/// A serialized answer holding articles, kept while its content is true and written with its articles' counters
/// (viewCount, rating) of the moment from <see cref="ArticleCounters"/>. Counters change far more often than content;
/// this way they no longer end the kept answer. It holds the answer as last written and where the counters sit in it:
/// while they are the same objects, the same bytes are written; when one changes, the bytes are made again around it.
/// </summary>
public sealed class CounterTemplate
{
    // Written in place of the counters when serializing, then cut out: values no article can have. Each article gets
    // its own (its index subtracted); all have the same number of digits, so none can be found inside another.
    private const long ViewsMark = -7_302_017_101_000_000;
    private const long PointsMark = -7_302_017_102_000_000;
    private const int CountMark = -730_201_701;
    private const int MaxArticles = 100_000;

    private readonly Guid[] _ids;
    // The bytes around the counters: part 2i comes before article i's view count, 2i + 1 between it and its rating, the
    // last after everything. Their lengths never change; where they start does, with the counters' lengths.
    private readonly int[] _partLengths;
    private readonly JsonSerializerOptions _json;
    private volatile Written _written;

    /// <summary>The answer's bytes, where each part starts in them, and the counters written between (null: marks).</summary>
    private sealed record Written(byte[] Body, int[] PartStarts, ArticleCounters.Written?[] Counters);

    private CounterTemplate(Guid[] ids, int[] partLengths, Written marked, JsonSerializerOptions json)
    {
        _ids = ids;
        _partLengths = partLengths;
        _written = marked;
        _json = json;
    }

    /// <summary>The answer's size as last written; what keeping it costs, give or take a few small arrays.</summary>
    public int Length => _written.Body.Length;

    public int Articles => _ids.Length;

    /// <summary>
    /// <paramref name="shape"/> builds the answer around the articles it is given (the same articles, marked); null when
    /// the marks cannot all be found in order, which would be a new answer shape this does not know. The articles'
    /// counters as read are offered to <paramref name="counters"/>, which keeps what it already holds.
    /// </summary>
    public static CounterTemplate? Make(IReadOnlyList<ArticleResponse> articles, Func<IReadOnlyList<ArticleResponse>, object> shape,
        JsonSerializerOptions json, ArticleCounters counters)
    {
        if (articles.Count > MaxArticles)
        {
            return null;
        }

        var marked = articles.Select((a, i) => a with { ViewCount = ViewsMark - i, Rating = new RatingSummary(PointsMark - i, CountMark, null) }).ToList();
        var value = shape(marked);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json);
        var starts = new int[articles.Count * 2 + 1];
        var lengths = new int[starts.Length];
        var at = 0;
        for (var i = 0; i < articles.Count; i++)
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
        foreach (var article in articles)
        {
            counters.Know(article.Id, new ArticleCounters.Counters(article.ViewCount, article.Rating.TotalPoints, article.Rating.Count));
        }

        var template = new CounterTemplate(articles.Select(a => a.Id).ToArray(), lengths, new Written(bytes, starts, new ArticleCounters.Written?[articles.Count]), json);
        // Written with real counters now, while the marked bytes are young: left for the first read, every kept answer
        // was made twice and its first bytes died in the oldest generation (warming 20k articles left ~60 MiB there).
        template.Current(counters, out _);
        return template;
    }

    /// <summary>
    /// The answer with its articles' current counters; null when some of them are not known (nobody read those articles
    /// for a while), and <paramref name="forgotten"/> names them.
    /// </summary>
    public IResult? Answer(ArticleCounters counters, string? etag, out IReadOnlyList<Guid> forgotten) =>
        Current(counters, out forgotten) is { } written ? new KeptAnswer(written.Body, etag) : null;

    /// <summary>The answer as written with the current counters (written again if one changed); null when some are not known.</summary>
    private Written? Current(ArticleCounters counters, out IReadOnlyList<Guid> forgotten)
    {
        var written = _written;
        ArticleCounters.Written?[]? changed = null;
        List<Guid>? missing = null;
        for (var i = 0; i < _ids.Length; i++)
        {
            if (!counters.TryGet(_ids[i], out var current))
            {
                (missing ??= []).Add(_ids[i]);
                continue;
            }

            // Counters forgotten and read back are a new object with the same values: nothing is written, and nothing is
            // stored into this (by then old) answer either, since a new object in an old one is what makes the GC's young
            // collections slow.
            var had = written.Counters[i];
            var json = current.Json(_json);
            if (changed is null && !ReferenceEquals(json, had) && had?.Source.SameValues(current) != true)
            {
                changed = (ArticleCounters.Written?[])written.Counters.Clone();
            }

            changed?[i] = json;
        }

        forgotten = missing ?? [];
        if (missing is not null)
        {
            return null;
        }

        if (changed is not null)
        {
            // Another reader may be doing the same; either result is right, and the later one stays.
            _written = written = Rewrite(written, changed);
        }

        return written;
    }

    private Written Rewrite(Written old, ArticleCounters.Written?[] counters)
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
