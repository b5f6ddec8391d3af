namespace Cms.Api.Views;

public sealed class ViewOptions
{
    public const string SectionName = "Cms:Views";

    /// <summary>How often buffered views are written. A crash loses at most this much counting; readers see a view at most this late.</summary>
    public int FlushIntervalMilliseconds { get; set; } = 1000;
}
