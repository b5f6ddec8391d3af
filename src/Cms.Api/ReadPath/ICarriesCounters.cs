namespace Cms.Api.ReadPath;

/// <summary>
/// An answer's item that shows an article's live counters (views, rating). Cached answers hold such items with the
/// counters cut out, and the current ones are spliced in on every read (<see cref="CounterSplicedBody"/>).
/// </summary>
public interface ICarriesCounters<out TSelf>
{
    Guid Id { get; }

    long ViewCount { get; }

    RatingSummary Rating { get; }

    TSelf WithCounters(long viewCount, RatingSummary rating);
}
