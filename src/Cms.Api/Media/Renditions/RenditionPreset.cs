namespace Cms.Api.Media.Renditions;

/// <summary>A named set of rendition parameters (Cms:Media:Presets); unset ones take their defaults.</summary>
public sealed class RenditionPreset
{
    public int? W { get; set; }

    public int? H { get; set; }

    public string? Fit { get; set; }

    public string? Format { get; set; }

    public int? Q { get; set; }
}
