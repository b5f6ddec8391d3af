using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Media.Renditions;
using Cms.Api.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Cms.Api.Media;

internal static class GetMediaFile
{
    /// <summary>A file's bytes never change (a new picture is a new upload), so every cache may keep it for a year.</summary>
    public const string Immutable = "public, max-age=31536000, immutable";

    /// <summary>
    /// A file anonymous readers may not have yet, sent to a signed-in user: their browser may keep it, no shared cache
    /// may (it would hand the photos of an unpublished story to anyone).
    /// </summary>
    public const string PrivatelyImmutable = "private, max-age=31536000, immutable";

    /// <summary>A file sent because a preview link opens it: kept by no cache at all, and never indexed.</summary>
    public const string PreviewCacheControl = "private, no-store";

    public static async Task<Results<FileContentHttpResult, FileStreamHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, string fileName, int? w, int? h, string? fit, string? format, int? q, string? preset, string? preview,
        HttpContext http, MediaFileLookup lookup, Renditions.Renditions renditions, IPreviewMedia previews, IOptions<MediaOptions> options,
        CancellationToken cancellationToken)
    {
        var signedIn = http.CurrentUser() is not null;
        var settings = options.Value;
        // A preview address is judged by its token alone below (404 unless it opens this file), so it may size freely.
        var (request, errors) = RenditionQuery.Parse(w, h, fit, format, q, preset, settings.PresetsOnly && !signedIn && preview is null, settings.Presets);
        if (request is null)
        {
            return Uncached(http, Problem.Validation(errors));
        }

        // Another name, or one anonymous readers may not have yet: 404 alike, so neither says the file exists. With a
        // preview token, anonymous readers get the file only if the link works and its article uses it, public or not.
        var file = await lookup.FindAsync(id, cancellationToken);
        var mayRead = signedIn || (preview is null ? file?.AnonymousMayRead == true : file is not null && await previews.OpensAsync(preview, id, cancellationToken));
        if (file is null || !string.Equals(file.FileName, fileName, StringComparison.Ordinal) || !mayRead)
        {
            return Uncached(http, Problem.NotFound("The file"));
        }

        var spec = SpecOf(file, request, http.Request.Headers.Accept);
        var tag = $"\"{spec.Key}\"";
        if (Preconditions.NotModified(http, tag))
        {
            SetHeaders(http, file, request, spec, tag, preview is not null);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        Stream bytes;
        try
        {
            bytes = await renditions.OpenAsync(file.StorageKey, spec, cancellationToken);
        }
        catch (OriginalTooLargeException e)
        {
            return Uncached(http, Problem.Of(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidImage, "Too large to render", e.Message));
        }
        catch (EncodeBusyException)
        {
            http.Response.Headers.RetryAfter = "1";
            return Uncached(http, Problem.Of(StatusCodes.Status503ServiceUnavailable, ProblemCodes.EncodeBusy, "Busy",
                "Every encoder is busy making other renditions; try again in a second."));
        }

        SetHeaders(http, file, request, spec, tag, preview is not null);
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(Path.ChangeExtension(file.FileName, RenditionFormats.Extension(spec.Format)));
        http.Response.Headers.ContentDisposition = disposition.ToString();
        var contentType = RenditionFormats.ContentType(spec.Format);
        return bytes is MemoryStream inMemory && inMemory.TryGetBuffer(out var buffer)
            ? TypedResults.Bytes(buffer.AsMemory(), contentType)
            : TypedResults.File(bytes, contentType);
    }

    /// <summary>Every choice made: auto's format by Accept, the format's default quality, the centre without a focal point.</summary>
    public static RenditionSpec SpecOf(MediaFile file, RenditionRequest request, Microsoft.Extensions.Primitives.StringValues accept)
    {
        var format = request.Format ?? AcceptNegotiation.Choose(accept, file.ContentType);
        var quality = format == RenditionFormat.Png ? 0 : request.Quality ?? RenditionFormats.DefaultQuality(format);
        return new RenditionSpec(file.Id, request.Width, request.Height, request.Fit, format, quality,
            Math.Round(file.FocalX ?? 0.5, 3), Math.Round(file.FocalY ?? 0.5, 3));
    }

    /// <summary>
    /// A cover crop follows the item's focal point, which an editor may move under the same URL: kept a day and
    /// revalidated by its ETag, not for a year. Every answer names its item for a CDN purge (a takedown, an unpublished story).
    /// </summary>
    public const string CropMaxAge = "max-age=86400";

    private static void SetHeaders(HttpContext http, MediaFile file, RenditionRequest request, RenditionSpec spec, string tag, bool preview)
    {
        var headers = http.Response.Headers;
        headers.ETag = tag;
        var crop = spec.EffectiveFit == RenditionFit.Cover;
        headers.CacheControl = (preview, file.AnonymousMayRead, crop) switch
        {
            (true, _, _) => PreviewCacheControl,
            (false, true, false) => Immutable,
            (false, false, false) => PrivatelyImmutable,
            (false, true, true) => "public, " + CropMaxAge,
            (false, false, true) => "private, " + CropMaxAge,
        };
        if (preview)
        {
            headers["X-Robots-Tag"] = "noindex";
        }

        headers["Surrogate-Key"] = $"media media-{file.Id}";
        headers["Cache-Tag"] = $"media,media-{file.Id}";
        if (request.Format is null)
        {
            headers.Vary = "Accept";
        }
    }

    /// <summary>An error is no file: a 404 before the story is out must not outlive its publication in any cache.</summary>
    private static T Uncached<T>(HttpContext http, T result)
    {
        http.Response.Headers.CacheControl = "no-store";
        return result;
    }
}
