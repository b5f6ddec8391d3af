namespace Cms.Api.Infrastructure.Http;

/// <summary>
/// Headers every answer carries, so a browser never sniffs JSON into HTML, frames a page, or leaks the address:
/// JSON gets a policy that allows nothing at all; the reader's pages may load only from this service (and pictures
/// from anywhere, since article bodies point at media hosts).
/// </summary>
internal static class SecurityHeaders
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    private const string ReaderPolicy =
        "default-src 'self'; img-src 'self' https: data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            var path = context.Request.Path;
            // Swagger UI runs inline script of its own; it is off in Production unless enabled.
            if (!path.StartsWithSegments("/swagger"))
            {
                headers.ContentSecurityPolicy = path.StartsWithSegments(Reader.ReaderEndpoints.Path) ? ReaderPolicy : ApiPolicy;
            }

            // What a signed-in caller receives is theirs alone: no shared cache may keep it.
            if (context.Request.Headers.Authorization.Count > 0 && headers.CacheControl.Count == 0)
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
