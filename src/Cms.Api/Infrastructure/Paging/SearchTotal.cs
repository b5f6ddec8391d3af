namespace Cms.Api.Infrastructure.Paging;

/// <summary>
/// A search's total, exact up to a limit: counting stops at the limit plus one, so a word in half the library costs what
/// a rare one does. Past the limit the total is the limit and a lower bound, as Elasticsearch's <c>relation: "gte"</c>.
/// </summary>
public readonly record struct SearchTotal(long Total, bool IsLowerBound)
{
    /// <summary>How far to count to tell an exact total from a lower bound.</summary>
    public static long CountLimit(int exactLimit) => exactLimit + 1L;

    /// <summary>The total to answer for <paramref name="counted"/> matches counted up to <see cref="CountLimit"/>.</summary>
    public static SearchTotal Of(long counted, int exactLimit) => counted > exactLimit ? new(exactLimit, true) : new(counted, false);
}
