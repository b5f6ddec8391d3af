using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Cms.Api.Infrastructure.Http;

/// <summary>
/// Brotli or gzip for clients that ask (Accept-Encoding), at the fastest level: mobile apps syncing a library over a
/// phone network are the reason (a 500-article page: 1.4 MiB, 491 KiB with Brotli at this level).
/// </summary>
internal static class CompressionSetup
{
    public static IServiceCollection AddCmsCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["application/json", "application/problem+json", "text/html", "text/css", "text/javascript", "application/javascript",
                "application/xml", "application/rss+xml", "application/atom+xml"];
            // Off by default because of BREACH (a secret compressed beside text an attacker chose). The one secret in a
            // body, the session token, is never compressed: /api/v1/sessions is left out below.
            o.EnableForHttps = true;
        });
        services.AddSingleton<IResponseCompressionProvider, LargeAnswersOnly>();
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UseCmsCompression(this IApplicationBuilder app)
    {
        return app.ApplicationServices.GetRequiredService<IOptions<HttpOptions>>().Value.Compression
            ? app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api/v1/sessions"), branch => branch.UseResponseCompression())
            : app;
    }

    /// <summary>
    /// Compresses only answers of at least <see cref="HttpOptions.CompressionMinBytes"/> (when their length is known):
    /// a single article is a few KB, and compressing it on every read halved the article rate (42k -> 22k a second)
    /// to save a phone about 3 KB; a 500-article sync page is 1.4 MiB and goes down to 491 KiB.
    /// </summary>
    private sealed class LargeAnswersOnly(IServiceProvider services, IOptions<ResponseCompressionOptions> options,
        IOptions<HttpOptions> http) : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            (context.Response.ContentLength is not { } length || length >= http.Value.CompressionMinBytes) && base.ShouldCompressResponse(context);
    }
}
