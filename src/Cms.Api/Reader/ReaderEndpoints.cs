using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Cms.Api.Reader;

/// <summary>
/// The reader is static files (wwwroot/reader) talking to /api/v1 like any frontend; the service only hands them
/// out, plus one small settings document, so the same files work on any site.
/// </summary>
internal static class ReaderEndpoints
{
    public const string Path = "/reader";

    public static IServiceCollection AddCmsReader(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReaderOptions>().Bind(configuration.GetSection(ReaderOptions.SectionName))
            .Validate(o => IsKnownTimeZone(o.TimeZone), "Cms:Reader:TimeZone must be an IANA time zone id such as Asia/Ho_Chi_Minh.")
            .ValidateOnStart();
        return services;
    }

    public static WebApplication UseCmsReader(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ReaderOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var folder = System.IO.Path.Combine(app.Environment.WebRootPath ?? System.IO.Path.Combine(app.Environment.ContentRootPath, "wwwroot"), "reader");
        if (!Directory.Exists(folder))
        {
            // Started from somewhere without the files (a bare build output): the API is whole without its example.
            app.Logger.LogWarning("The reader's files are not at {Folder}; /reader/ is not served.", folder);
            return app;
        }

        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Path,
            FileProvider = files,
            // Small files that change with each release: revalidate every time (ETag / Last-Modified make that a 304).
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        // A preview link's page: the article page itself, never cached nor indexed (its address is a secret).
        var articlePage = System.IO.Path.Combine(folder, "article.html");
        app.MapGet(Path + "/preview/{token}", (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers["X-Robots-Tag"] = "noindex";
                return TypedResults.PhysicalFile(articlePage, "text/html; charset=utf-8");
            })
            .ExcludeFromDescription();
        app.MapGet(Path + "/settings.json", (IOptions<ReaderOptions> o) => TypedResults.Ok(new ReaderSettings(o.Value.TimeZone)))
            .ExcludeFromDescription();
        return app;
    }

    private static bool IsKnownTimeZone(string id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
