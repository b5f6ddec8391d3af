namespace Cms.Api.Media.Renditions;

public enum RenditionFit
{
    Inside,
    Cover,
    Contain,
}

public enum RenditionFormat
{
    Jpeg,
    Png,
    Webp,
    Avif,
}

/// <summary>What a client asked for, validated; a null <see cref="Format"/> is auto (by Accept).</summary>
public sealed record RenditionRequest(int? Width, int? Height, RenditionFit Fit, RenditionFormat? Format, int? Quality);

/// <summary>
/// One rendition, every choice made: the format, the quality, the focal point a cover crop centres on. Its
/// <see cref="Key"/> names the cached file and makes the ETag, so two requests that would make the same bytes share it.
/// </summary>
public sealed record RenditionSpec(Guid MediaId, int? Width, int? Height, RenditionFit Fit, RenditionFormat Format, int Quality, double FocalX, double FocalY)
{
    /// <summary>Cover and contain need a box: with one side only they fit inside, as their pictures would be the same.</summary>
    public RenditionFit EffectiveFit => Width is null || Height is null ? RenditionFit.Inside : Fit;

    /// <summary>"{id}/{w}x{h}-{fit}[-{focal}]-q{q}.{ext}": letters, digits, '-', '_', '.', '/' only.</summary>
    public string Key
    {
        get
        {
            var fit = EffectiveFit.ToString().ToLowerInvariant();
            var focal = EffectiveFit == RenditionFit.Cover ? FormattableString.Invariant($"-f{FocalX:0.000}_{FocalY:0.000}") : "";
            return FormattableString.Invariant($"{MediaId:N}/{Width ?? 0}x{Height ?? 0}-{fit}{focal}-q{Quality}.{RenditionFormats.Extension(Format)}");
        }
    }
}
