namespace Cms.Api.ReadPath;

/// <summary>Bound from the views' section, where operators look for it: the views are its one user.</summary>
public sealed class VisibilityWindowOptions
{
    public const string SectionName = "Cms:Views";

    /// <summary>How long a looked-up article's visibility window is trusted before views for it look again.</summary>
    public int ArticleCacheSeconds { get; set; } = 10;
}
