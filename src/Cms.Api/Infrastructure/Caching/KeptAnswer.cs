namespace Cms.Api.Infrastructure.Caching;

/// <summary>Writes a kept JSON answer, or 304 when the client already holds that version.</summary>
public sealed class KeptAnswer(byte[] body, string? etag) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        if (etag is not null)
        {
            response.Headers.ETag = etag;
            if (httpContext.Request.Headers.IfNoneMatch.Any(v => v == etag || v == "*"))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }
}
