using System.Net;
using System.Text.RegularExpressions;
using Cms.Api.Articles;

namespace Cms.Api.Sync;

/// <summary>
/// The picture files an offline reader needs, as the reader pages ask for them (<c>wwwroot/reader/pictures.js</c>: change
/// both together), so an app that fetches exactly these URLs finds every page's pictures in its cache. <c>format</c> is
/// left to the service (<c>auto</c>, by <c>Accept</c>), as the pages leave it.
/// </summary>
internal static partial class OfflineRenditions
{
    /// <summary>The article page's cover widths (<c>coverWidths</c>); the list's thumbnail is a 320 × 180 crop, twice that on dense screens.</summary>
    private static readonly int[] CoverWidths = [480, 800, 1200, 1600];

    /// <summary>For a cover from the media library: the list's thumbnails, the page's srcset candidates and its src.</summary>
    public static IEnumerable<string> Cover(CoverImage cover)
    {
        yield return Rendition(cover.Url, "w=320&h=180&fit=cover");
        yield return Rendition(cover.Url, "w=640&h=360&fit=cover");
        if (cover.Width is not { } original || cover.Height is null)
        {
            yield return cover.Url;
            yield break;
        }

        var widths = CoverWidths.Where(w => w <= original).DefaultIfEmpty(original);
        foreach (var width in widths.Append(Math.Min(800, original)).Distinct())
        {
            yield return Rendition(cover.Url, $"w={width}");
        }
    }

    /// <summary>
    /// Every media library address in a body (img src and srcset, as written) with its media id; the reader shows the body
    /// as is, except a picture of the cover, which it drops (the cover is shown above), so those are left out.
    /// </summary>
    public static IEnumerable<(Guid MediaId, string Url)> Body(string? body, Guid? coverMediaId)
    {
        foreach (Match match in MediaAddress().Matches(body ?? ""))
        {
            var id = Guid.Parse(match.Groups[1].ValueSpan);
            if (id != coverMediaId)
            {
                yield return (id, WebUtility.HtmlDecode(match.Value));
            }
        }
    }

    private static string Rendition(string url, string query) => url + (url.Contains('?') ? '&' : '?') + query;

    // An address in an attribute: up to the quote, space or comma (srcset) that ends it.
    [GeneratedRegex(@"(?:https?://[^\s""'<>/]+)?/media/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/[^\s""'<>,]*")]
    private static partial Regex MediaAddress();
}
