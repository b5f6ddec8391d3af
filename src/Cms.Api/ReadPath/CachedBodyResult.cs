using Cms.Api.Infrastructure.Http;

namespace Cms.Api.ReadPath;

/// <summary>Writes a cached answer (JSON unless it says otherwise: feeds are XML), or 304 when the client already holds that version.</summary>
public sealed class CachedBodyResult(byte[] body, string? etag, CacheTags? tags = null, string contentType = CachedBodyResult.Json) : IResult
{
    public const string Json = "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext) =>
        Start(httpContext, etag, body.Length, tags, contentType) ? httpContext.Response.Body.WriteAsync(body).AsTask() : Task.CompletedTask;

    /// <summary>The status and headers of a cached answer of this length; false when it is a 304 (no body).</summary>
    public static bool Start(HttpContext httpContext, string? etag, long length, CacheTags? tags = null, string contentType = Json)
    {
        var response = httpContext.Response;
        if (tags is not null)
        {
            // For a CDN to purge by: Fastly reads Surrogate-Key (spaces), Cloudflare Cache-Tag (commas).
            response.Headers["Surrogate-Key"] = tags.SurrogateKey;
            response.Headers["Cache-Tag"] = tags.CacheTag;
        }

        if (etag is not null)
        {
            response.Headers.ETag = etag;
            if (Preconditions.NotModified(httpContext, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return false;
            }
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = length;
        return true;
    }
}
