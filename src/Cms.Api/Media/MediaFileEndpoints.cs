using Cms.Api.ApiTokens;
using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Media.Renditions;

namespace Cms.Api.Media;

/// <summary>Files (originals' renditions) at /media, outside /api/v1: the address an img element or a CDN points at.</summary>
internal static class MediaFileEndpoints
{
    public const string Path = "/media";

    private const string Route = "/{id:guid}/{fileName}";

    public static IEndpointRouteBuilder MapMediaFileEndpoints(this IEndpointRouteBuilder app)
    {
        // A token that reads drafts gets their pictures, as a signed-in user does.
        var files = app.MapGroup(Path).WithTags("Media").RequireScope(Scopes.ContentRead, Scopes.MediaWrite);
        files.MapGet(Route, GetMediaFile.Handle)
            .WithName("getMediaFile")
            .WithSummary("A media file, resized and encoded on the fly")
            .WithDescription("The url of a media item. Without parameters: the whole picture, upright (by its EXIF orientation) and with no metadata " +
                "(no EXIF, no GPS). A rendition is never larger than the original: w and h are shrunk with the picture's shape kept. " +
                "format=auto (the default) picks AVIF, then WebP, when Accept names them, else JPEG (PNG for originals other than JPEG), with Vary: Accept. " +
                "Cache-Control is public, max-age=31536000, immutable (private for a file anonymous readers may not have yet); ETag names the rendition; " +
                "If-None-Match answers 304. Anonymous readers get 404 unless a visible article uses the file or it is public. " +
                "A preview answer's addresses carry preview=TOKEN: with it, the file is served (any rendition) while the link works and the article as " +
                "previewed (pending changes applied) uses the item, else 404; such answers are Cache-Control: private, no-store and X-Robots-Tag: noindex. " +
                "503 with Retry-After when every encoder is busy.")
            .DescribeParameter("id", "The media item's id (a UUID).")
            .DescribeParameter("fileName", "The item's fileName, as in its url; any other name is 404.")
            .DescribeParameter("w", $"Width in pixels, 1 to {RenditionQuery.MaxSide}.")
            .DescribeParameter("h", $"Height in pixels, 1 to {RenditionQuery.MaxSide}.")
            .DescribeParameter("fit", "With both w and h: inside (default) fits the picture within w x h; cover fills w x h exactly, cropping around the " +
                "item's focalPoint (the centre without one); contain fits inside and pads to exactly w x h (white in JPEG, transparent otherwise). " +
                "With one side only, all three fit inside.", RenditionQuery.Fits)
            .DescribeParameter("format", "auto (default) chooses by Accept; the others ignore Accept.", RenditionQuery.Formats)
            .DescribeParameter("q", "Quality 1 to 100 (defaults: JPEG 82, WebP 80, AVIF 55); PNG is lossless and ignores it.")
            .DescribeParameter("preset", "A preset the service is configured with (Cms:Media:Presets), standing for w, h, fit, format and q; " +
                "explicit ones win. When Cms:Media:PresetsOnly is on, anonymous readers may send only preset and format.")
            .DescribeParameter("preview", "A preview link's token, as getPreview puts it in the article's media addresses; see above.")
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp", "image/avif")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        // HEAD answers what GET would (an encode on a miss), for link checkers and CDNs that probe.
        files.MapMethods(Route, [HttpMethods.Head], GetMediaFile.Handle).ExcludeFromDescription();
        return app;
    }
}
