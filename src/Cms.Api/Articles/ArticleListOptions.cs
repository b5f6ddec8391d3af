namespace Cms.Api.Articles;

public sealed class ArticleListOptions
{
    public const string SectionName = "Cms:Lists";

    /// <summary>Deep numbered pages seek from a kept sort key every this many rows (ArticleListSnapshots).</summary>
    public int AnchorEvery { get; set; } = 500;
}
