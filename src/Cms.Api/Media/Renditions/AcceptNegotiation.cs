using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Cms.Api.Media.Renditions;

/// <summary>
/// format=auto: AVIF, then WebP, when Accept names them (with q above 0); otherwise the picture's own family, JPEG for a
/// JPEG original and PNG for the rest (they may have transparency). Wildcards never pick AVIF or WebP: a client that
/// sends <c>*/*</c> (curl, old apps) has not said it decodes them, while every browser that does names them.
/// </summary>
public static class AcceptNegotiation
{
    public static RenditionFormat Choose(StringValues accept, string originalContentType)
    {
        var ranges = MediaTypeHeaderValue.TryParseList(accept, out var parsed) ? parsed : [];
        foreach (var candidate in (ReadOnlySpan<RenditionFormat>)[RenditionFormat.Avif, RenditionFormat.Webp])
        {
            var type = RenditionFormats.ContentType(candidate);
            if (ranges.Any(r => r.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase) && (r.Quality ?? 1) > 0))
            {
                return candidate;
            }
        }

        // Not refused (406) when Accept allows neither: an image element shows what it gets.
        return originalContentType == "image/jpeg" ? RenditionFormat.Jpeg : RenditionFormat.Png;
    }
}
