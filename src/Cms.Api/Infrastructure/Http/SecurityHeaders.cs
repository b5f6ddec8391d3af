namespace Cms.Api.Infrastructure.Http;

/// <summary>
/// Headers every answer carries, so a browser never sniffs JSON into HTML, frames a page, or leaks the address:
/// JSON gets a policy that allows nothing at all; the reader's pages may load only from this service, and pictures
/// also from any https host, since external covers and article bodies point at media hosts. Not http: (mixed content
/// on an https site), nor data: (the body sanitizer drops such URLs, so no article needs them).
/// </summary>
internal static class SecurityHeaders
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    private const string ReaderPolicy =
        "default-src 'self'; img-src 'self' https:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // The newsroom as the reader, plus inline styles (the rich-text editor's tables set widths) and pasted or dropped
    // pictures shown before upload (data:, blob:).
    private const string AdminPolicy =
        "default-src 'self'; img-src 'self' https: data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var http = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<HttpOptions>>().Value;
        var cors = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<CmsCorsOptions>>().Value;
        var publicCaching = $"public, max-age={http.PublicMaxAgeSeconds}, stale-while-revalidate={http.StaleWhileRevalidateSeconds}";
        var byOrigin = cors.AllowedOrigins.Length > 0;
        return app.Use((context, next) => Apply(context, next, publicCaching, byOrigin));
    }

    private static Task Apply(HttpContext context, RequestDelegate next, string publicCaching, bool byOrigin)
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
                headers.ContentSecurityPolicy = path.StartsWithSegments(Reader.ReaderEndpoints.Path) ? ReaderPolicy
                    : path.StartsWithSegments(Admin.AdminEndpoints.Path) ? AdminPolicy
                    : ApiPolicy;
            }

            // What a signed-in caller receives is theirs alone: no shared cache may keep it. What anonymous readers get
            // is the same for all of them, so a CDN may keep it a few seconds (an answer per Origin when CORS is on).
            if (context.Request.Headers.Authorization.Count > 0 && headers.CacheControl.Count == 0)
            {
                headers.CacheControl = "no-store";
            }
            else if (headers.CacheControl.Count == 0 && IsPublicRead(context))
            {
                headers.CacheControl = publicCaching;
                if (byOrigin)
                {
                    headers.Append("Vary", "Origin");
                }
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    private static bool IsPublicRead(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.Request.Path.StartsWithSegments("/api/v1") && !context.Request.Path.StartsWithSegments("/api/v1/sessions")
        && context.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status301MovedPermanently or StatusCodes.Status304NotModified;
}
