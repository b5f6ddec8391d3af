using Cms.Api.Reader;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Cms.Api.Admin;

/// <summary>
/// The newsroom (src/Cms.Admin, built into wwwroot/admin by the build when Node is present) is static files talking to
/// /api/v1 like any frontend. The service hands them out, plus the site's settings (its content policy is in
/// SecurityHeaders: nothing from another host but pictures). Without the built files, /admin/ says in one line what to install.
/// </summary>
internal static class AdminEndpoints
{
    public const string Path = "/admin";

    /// <summary>
    /// What the operator must do, in one line. Not "apt-get install nodejs": Debian 12's own package is Node 18, and the
    /// app is built and tested with 20 (nodejs.org or NodeSource's packages).
    /// </summary>
    public const string NotBuiltMessage =
        "Trang quản trị chưa được dựng: cài Node.js 20+ và npm (nodejs.org hoặc gói NodeSource) rồi chạy lại dotnet build.";

    public static IServiceCollection AddCmsAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName))
            .Validate(o => string.IsNullOrWhiteSpace(o.Folder) || System.IO.Path.IsPathFullyQualified(o.Folder), "Cms:Admin:Folder must be an absolute path.")
            .ValidateOnStart();
        return services;
    }

    public static WebApplication UseCmsAdmin(this WebApplication app)
    {
        var configured = app.Services.GetRequiredService<IOptions<AdminOptions>>().Value.Folder;
        var folder = string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.Combine(app.Environment.WebRootPath ?? System.IO.Path.Combine(app.Environment.ContentRootPath, "wwwroot"), "admin")
            : configured;
        // "/admin" and "/admin/" are one route to the router; the page's relative addresses need the slash.
        app.Use((http, next) =>
        {
            if (http.Request.Path.Value == Path)
            {
                http.Response.Redirect(Path + "/");
                return Task.CompletedTask;
            }

            return next(http);
        });
        app.MapGet(Path + "/settings.json", (IOptions<ReaderOptions> o) => TypedResults.Ok(new ReaderSettings(o.Value.TimeZone)))
            .ExcludeFromDescription();
        if (!File.Exists(System.IO.Path.Combine(folder, "index.html")))
        {
            app.Logger.LogWarning("The newsroom's files are not at {Folder}; /admin/ says what to install.", folder);
            app.MapGet(Path + "/{**rest}", (HttpContext http) =>
                {
                    http.Response.Headers.CacheControl = "no-store";
                    return TypedResults.Content(
                        $"<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Tòa soạn</title><p>{NotBuiltMessage}</p></html>",
                        "text/html; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
                })
                .ExcludeFromDescription();
            return app;
        }

        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Path,
            FileProvider = files,
            // Files that change with each release: revalidate every time (ETag / Last-Modified make that a 304).
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.CacheControl = "no-cache";
                context.Context.Response.Headers["X-Robots-Tag"] = "noindex";
            },
        });
        return app;
    }
}
