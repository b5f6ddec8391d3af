using System.Net;
using Cms.Api.ReadPath;
using Cms.Api.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Cms.Api.Tests.Infrastructure;

/// <summary>
/// The real service in memory, on a real database, with a clock the test moves; or, for a browser or anything else
/// that needs a socket, on real Kestrel at a free loopback port with the real clock, or with the fake one when a browser
/// test moves the pages' clocks (Playwright's) along with it.
/// </summary>
public sealed class CmsApp(string connectionString, IReadOnlyDictionary<string, string?> settings, FakeTimeProvider? clock = null, bool onKestrel = false,
    Action<IServiceCollection>? services = null, bool fakeClock = false)
    : WebApplicationFactory<Program>
{
    public const string AdminUsername = "admin";
    public const string AdminPassword = "admin-password-for-tests";

    /// <summary>Sent by tests that need to look like several clients; the service sees it as the remote address.</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>The public site every test service is configured with (Cms:Site:BaseUrl).</summary>
    public const string SiteUrl = "https://baolaichau.vn";

    private readonly string _folder = Directory.CreateTempSubdirectory("cms-app-").FullName;

    /// <summary>Shared by instances that stand for one deployment.</summary>
    public FakeTimeProvider Clock { get; } = clock ?? new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));

    public bool OnKestrel => onKestrel;

    /// <summary>Where a real client reaches the service (only <see cref="OnKestrel"/>).</summary>
    public Uri Address { get; private set; } = new("http://localhost");

    /// <summary>
    /// The service on real Kestrel, started, at <see cref="Address"/>; with <paramref name="fakeClock"/>, on
    /// <see cref="Clock"/> as in memory, for a browser test that moves the page's clock (Playwright's) with it.
    /// </summary>
    public static CmsApp StartOnKestrel(string connectionString, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null,
        int? alsoListenOn = null, bool fakeClock = false)
    {
        var app = new CmsApp(connectionString, settings, onKestrel: true, services: services, fakeClock: fakeClock);
        if (alsoListenOn is { } port)
        {
            // A second port (the metrics' one, say) beside the public one; the public one is still the OS's pick.
            app.UseKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, 0);
                kestrel.Listen(IPAddress.Loopback, port);
            });
        }
        else
        {
            app.UseKestrel(0);
        }

        app.StartServer();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal)));
        app.Address = addresses.First(a => a.Port != alsoListenOn);
        return app;
    }

    /// <summary>Writes every view counted so far, as the flush timer would: tests call it instead of waiting for it.</summary>
    public Task FlushViewsAsync() => Services.GetRequiredService<ViewFlusher>().FlushAsync(CancellationToken.None);

    /// <summary>Brings the cached counters up to date, as the once-a-second refresh would.</summary>
    public Task RefreshCountersAsync() =>
        Services.GetRequiredService<ArticleCounters>().RefreshAsync(Services.GetRequiredService<NpgsqlDataSource>(), CancellationToken.None);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // "Testing" unless a fixture asks for another (Cms:Test:Environment), to test what Development changes.
        builder.UseEnvironment(settings.TryGetValue("Cms:Test:Environment", out var environment) && environment is not null ? environment : "Testing");
        builder.UseSetting("ConnectionStrings:Cms", connectionString);
        builder.UseSetting("Cms:Bootstrap:AdminUsername", AdminUsername);
        builder.UseSetting("Cms:Bootstrap:AdminPassword", AdminPassword);
        // Limits are off unless a fixture turns one on to test it.
        builder.UseSetting("Cms:RateLimits:SignInsPerMinute", "0");
        builder.UseSetting("Cms:RateLimits:RatingsPerMinute", "0");
        builder.UseSetting("Cms:RateLimits:ViewsPerMinute", "0");
        // Hashing at the production 220,000 iterations would cost most of the suite's time; one fixture checks them.
        builder.UseSetting("Cms:Passwords:Iterations", "1000");
        // Feeds and sitemaps link to the public site, which a deployment names; a fixture testing an unset one sets "".
        builder.UseSetting("Cms:Site:BaseUrl", SiteUrl);
        // Each service its own media folders, gone with it; instances standing for one deployment pass one LocalPath.
        builder.UseSetting("Cms:Media:LocalPath", Path.Combine(_folder, "media"));
        builder.UseSetting("Cms:Media:RenditionCachePath", Path.Combine(_folder, "renditions"));
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(testServices =>
        {
            services?.Invoke(testServices);
            if (!onKestrel || fakeClock)
            {
                testServices.AddSingleton<TimeProvider>(Clock);
            }

            testServices.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteFolder();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteFolder();
    }

    private void DeleteFolder()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                // The in-memory server has no connection address; real Kestrel keeps its own (proxy tests need it).
                context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(ClientAddressHeader, out var value)
                    ? IPAddress.Parse(value.ToString())
                    : context.Connection.RemoteIpAddress ?? IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
