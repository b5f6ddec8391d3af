namespace Cms.Api.Media.Renditions;

/// <summary>The output formats: content types, file extensions and default qualities.</summary>
public static class RenditionFormats
{
    public static string ContentType(RenditionFormat format) => format switch
    {
        RenditionFormat.Jpeg => "image/jpeg",
        RenditionFormat.Png => "image/png",
        RenditionFormat.Webp => "image/webp",
        _ => "image/avif",
    };

    public static string Extension(RenditionFormat format) => format switch
    {
        RenditionFormat.Jpeg => "jpg",
        RenditionFormat.Png => "png",
        RenditionFormat.Webp => "webp",
        _ => "avif",
    };

    /// <summary>
    /// Qualities that look alike at a glance (AVIF's scale runs lower); PNG is lossless, so q does not change it and is
    /// left out of its key.
    /// </summary>
    public static int DefaultQuality(RenditionFormat format) => format switch
    {
        RenditionFormat.Jpeg => 82,
        RenditionFormat.Webp => 80,
        RenditionFormat.Avif => 55,
        _ => 0,
    };
}
