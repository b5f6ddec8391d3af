namespace Cms.Api.Infrastructure.Http;

/// <summary>Conditional requests against a resource's version (its ETag).</summary>
public static class Preconditions
{
    /// <summary>True when If-None-Match names this version: the client's copy is current, answer 304.</summary>
    public static bool NotModified(HttpContext http, int version) => NotModified(http, EntityTag.For(version));

    /// <summary>
    /// True when If-None-Match names <paramref name="tag"/>, in a list or weak (RFC 9110 compares weakly here), or is "*".
    /// </summary>
    public static bool NotModified(HttpContext http, string tag)
    {
        foreach (var value in http.Request.Headers.IfNoneMatch)
        {
            foreach (var part in (value ?? "").Split(','))
            {
                var candidate = part.Trim();
                if (candidate == "*" || candidate == tag || (candidate.StartsWith("W/", StringComparison.Ordinal) && candidate.AsSpan(2).SequenceEqual(tag)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The version If-Match demands, <c>null</c> when the header is absent or "*" (any version will do), or -1 when it
    /// names no version this service issues, which never matches.
    /// </summary>
    public static int? ExpectedVersion(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return tag.Length > 2 && tag[0] == '"' && tag[^1] == '"' && int.TryParse(tag[1..^1], out var version) ? version : -1;
    }

    /// <summary>True when If-Match is absent, "*", or names exactly <paramref name="current"/>.</summary>
    public static bool Matches(HttpContext http, int current) => ExpectedVersion(http) is not { } expected || expected == current;
}
