namespace Cms.Api.Revisions;

/// <summary><c>Cms:Preview</c>: preview links.</summary>
public sealed class PreviewOptions
{
    public const string SectionName = "Cms:Preview";

    /// <summary>How long a preview link works.</summary>
    public int LinkHours { get; set; } = 24;
}
