namespace Cms.Api.ReadPath;

/// <summary>
/// A document its handler wrote whole in a format of its own (an RSS feed, a sitemap): the read cache keeps these bytes
/// and their content type as they are (<see cref="ReadCachePolicy.Documents"/>), and a signed-in reader gets them unkept.
/// </summary>
public sealed class DocumentResult(byte[] body, string contentType, IReadOnlyList<Guid> articleIds, DateTimeOffset? staleAt = null)
    : IResult, IValueHttpResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public byte[] Body => body;

    public string ContentType => contentType;

    /// <summary>The articles it shows, named in its cache tags; empty when they are too many for a header (a sitemap).</summary>
    public IReadOnlyList<Guid> ArticleIds => articleIds;

    /// <summary>When time alone changes it, besides any article's publishing or expiry (one leaving a window).</summary>
    public DateTimeOffset? StaleAt => staleAt;

    /// <summary>Made from the bytes: feed readers poll with If-None-Match, and an unchanged feed answers 304.</summary>
    public string ETag { get; } = $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))[..20]}\"";

    object? IValueHttpResult.Value => this;

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext) =>
        CachedBodyResult.Start(httpContext, ETag, body.Length, contentType: contentType)
            ? httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask()
            : Task.CompletedTask;
}
