namespace Cms.Api.Articles;

public sealed class ArticleListOptions
{
    public const string SectionName = "Cms:Lists";

    /// <summary>Deep numbered pages seek from a cached sort key every this many rows (ListCache).</summary>
    public int AnchorEvery { get; set; } = 500;

    /// <summary>
    /// What testing one article's search vector while walking a sort's index costs, in GIN matches (SearchPlanChooser).
    /// 3 read the keys of 300 fresh searches at 100k articles in 642 ms, against 1,022 always walking, 3,542 never
    /// walking and 636 choosing each one's cheaper plan by hand (BENCHMARKS.md). 0 always walks; a huge value never does.
    /// </summary>
    public double SearchWalkCost { get; set; } = 3;
}
