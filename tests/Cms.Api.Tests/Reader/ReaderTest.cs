using Cms.Api.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Cms.Api.Tests.Reader;

/// <summary>
/// The reader in Debian's Chromium (driven by Playwright, headless) against the service on real Kestrel and a real
/// database. Each test gets a fresh browser context, so nothing (localStorage, sessionStorage) carries over.
/// </summary>
public abstract class ReaderTest : WriterTest
{
    /// <summary>Content images point here; the browser gets a small picture instead of leaving the machine.</summary>
    protected const string MediaHost = "https://media.example.org";

    private const string Picture =
        """<svg xmlns="http://www.w3.org/2000/svg" width="640" height="300"><rect width="640" height="300" fill="#8fb3c9"/><circle cx="520" cy="80" r="40" fill="#f2d16b"/><path d="M0 300 L200 140 L330 260 L450 170 L640 300 Z" fill="#4d7a5e"/></svg>""";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly List<IBrowserContext> _contexts = [];

    protected override bool OnKestrel => true;

    protected IPage Page { get; private set; } = null!;

    /// <summary>Every request the test's pages made, to prove the reader fetches nothing from elsewhere.</summary>
    protected List<IRequest> Requests { get; } = [];

    [OneTimeSetUp]
    public async Task LaunchBrowserAsync()
    {
        FrontendTools.RequireChromium();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = FrontendTools.ChromiumPath,
            Headless = true,
            // As root Chromium needs --no-sandbox; the rest keep it from calling out to a network that is closed here.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [SetUp]
    public async Task OpenPageAsync()
    {
        Requests.Clear();
        Page = await NewPageAsync();
    }

    [TearDown]
    public async Task ClosePagesAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && Page is not null)
        {
            await ScreenshotAsync(Page, "failed-" + TestContext.CurrentContext.Test.Name);
        }

        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        _contexts.Clear();
    }

    [OneTimeTearDown]
    public async Task CloseBrowserAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A new reader: its own browser context (storage, cookies), desktop-sized unless a viewport is given.</summary>
    protected async Task<IPage> NewPageAsync(ViewportSize? viewport = null, bool phone = false, float pixelRatio = 1)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.Address.ToString(),
            Locale = "vi-VN",
            // The browser's own zone differs from the site's, so a time printed in the browser's zone would show.
            TimezoneId = "America/New_York",
            ViewportSize = viewport ?? new ViewportSize { Width = 1100, Height = 900 },
            DeviceScaleFactor = pixelRatio,
            IsMobile = phone,
            HasTouch = phone,
        });
        _contexts.Add(context);
        await context.RouteAsync(MediaHost + "/**", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "image/svg+xml", Body = Picture }));
        context.Request += (_, request) => Requests.Add(request);
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        if (FakeClockOnKestrel)
        {
            // The page's Date stands still at the service's time (its timers still run), and moves with it.
            await page.Clock.SetFixedTimeAsync(App.Clock.GetUtcNow().UtcDateTime);
        }

        return page;
    }

    /// <summary>Moves the service's fake clock and every open page's clock by <paramref name="by"/>, together (<see cref="ApiTest.FakeClockOnKestrel"/>).</summary>
    protected async Task AdvanceClocksAsync(TimeSpan by)
    {
        App.Clock.Advance(by);
        foreach (var page in _contexts.SelectMany(c => c.Pages))
        {
            await page.Clock.SetFixedTimeAsync(App.Clock.GetUtcNow().UtcDateTime);
        }
    }

    /// <summary>
    /// The natural width of each picture <paramref name="selector"/> finds, once it has loaded or failed (0). Each is
    /// scrolled into view first and waited for by its load or error event, so lazy pictures below the fold load too.
    /// </summary>
    protected static async Task<int[]> LoadedWidthsAsync(IPage page, string selector = "img") =>
        await page.Locator(selector).EvaluateAllAsync<int[]>(
            """
            async (images) => {
              const widths = [];
              for (const img of images) {
                img.scrollIntoView({ block: 'center' });
                if (!img.complete) {
                  await new Promise((done) => {
                    img.addEventListener('load', done, { once: true });
                    img.addEventListener('error', done, { once: true });
                  });
                }

                widths.push(img.naturalWidth);
              }

              return widths;
            }
            """).WaitAsync(TimeSpan.FromSeconds(20));

    /// <summary>Saves a screenshot as a test artifact (attached to the result, and kept under the test output's artifacts/reader).</summary>
    protected static async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "artifacts", "reader");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        TestContext.AddTestAttachment(path, name);
        return path;
    }
}
