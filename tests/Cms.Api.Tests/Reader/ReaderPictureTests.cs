using Cms.Api.Media;
using Cms.Api.Tests.Media;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cms.Api.Tests.Reader;

/// <summary>Pictures from the media library as the reader shows them, on a phone (at twice the pixels) and on a desktop.</summary>
[Category("Browser")]
[TestFixture("phone")]
[TestFixture("desktop")]
public sealed class ReaderPictureTests(string screen) : ReaderTest
{
    private const int OriginalWidth = 1600;

    private const string Caption = "Quang cảnh Hội nghị";

    private Task<IPage> ScreenAsync() => screen == "phone"
        ? NewPageAsync(new ViewportSize { Width = 390, Height = 844 }, phone: true, pixelRatio: 2)
        : NewPageAsync(new ViewportSize { Width = 1280, Height = 800 });

    /// <summary>A 1600 × 1000 photo in the library, as the sample articles' covers are.</summary>
    private Task<MediaResponse> PhotoAsync() =>
        UploadedAsync(TestImages.Jpeg(OriginalWidth, 1000), "quang-canh.jpg", fields: new Dictionary<string, string> { ["alt"] = Caption, ["caption"] = Caption });

    [Test]
    public async Task ListThumbnailsAreSmallRenditionsThatAllLoad()
    {
        var photo = await PhotoAsync();
        await CreateArticleAsync(Editor, ArticleBody(Author, new { title = "Ảnh thư viện", publishAt = Now.AddHours(-1), coverImage = new { mediaId = photo.Id } }));
        await CreateArticleAsync(Editor, ArticleBody(Author, new { title = "Ảnh ngoài", publishAt = Now.AddHours(-2), coverImage = new { url = MediaHost + "/bia.jpg", alt = "Bìa" } }));
        await CreateArticleAsync(Editor, ArticleBody(Author, new { title = "Không ảnh", publishAt = Now.AddHours(-3) }));

        var page = await ScreenAsync();
        await page.GotoAsync("/reader/");
        await Expect(page.Locator(".article-title")).ToHaveTextAsync(["Ảnh thư viện", "Ảnh ngoài", "Không ảnh"]);
        var items = page.Locator(".article-item");
        await Expect(items.Nth(2).Locator("img")).ToHaveCountAsync(0);

        var library = items.Nth(0).Locator("img.thumb");
        await Expect(library).ToHaveAttributeAsync("src", photo.Url + "?w=320&h=180&fit=cover");
        await Expect(library).ToHaveAttributeAsync("srcset", photo.Url + "?w=640&h=360&fit=cover 2x");
        await Expect(library).ToHaveAttributeAsync("alt", Caption);
        var external = items.Nth(1).Locator("img.thumb");
        await Expect(external).ToHaveAttributeAsync("src", MediaHost + "/bia.jpg");
        await Expect(external).ToHaveAttributeAsync("alt", "Bìa");
        foreach (var thumb in new[] { library, external })
        {
            // The box is known before the picture arrives, and pictures wait until they are scrolled near.
            await Expect(thumb).ToHaveAttributeAsync("width", "320");
            await Expect(thumb).ToHaveAttributeAsync("height", "180");
            await Expect(thumb).ToHaveAttributeAsync("loading", "lazy");
        }

        Assert.That(await LoadedWidthsAsync(page), Has.Length.EqualTo(2).And.All.GreaterThan(0), "every picture on the list loads");
        var current = await library.EvaluateAsync<string>("img => img.currentSrc");
        Assert.That(current, Does.Contain(photo.Url + "?w=").And.Contain(screen == "phone" ? "w=640" : "w=320"), "a rendition for the screen's density");
        await ScreenshotAsync(page, "list-pictures-" + screen);
    }

    [Test]
    public async Task TheCoverComesInASizeFromItsSrcsetAndIsNotRepeatedInTheBody()
    {
        var photo = await PhotoAsync();
        // The body shows the cover again (in another size) beside a picture of its own.
        var body = $"""<p>Mở đầu.</p><figure><img src="{photo.Url}?w=640" alt="{Caption}"><figcaption>Ảnh trong bài</figcaption></figure><p>Tiếp.</p><figure><img src="{MediaHost}/khac.jpg" alt="Ảnh khác"></figure>""";
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { coverImage = new { mediaId = photo.Id }, body }));

        var page = await ScreenAsync();
        await page.GotoAsync("/reader/article.html?slug=" + article.Slug);
        var cover = page.Locator("#cover img");
        await Expect(cover).ToHaveAttributeAsync("alt", Caption);
        await Expect(page.Locator("#cover figcaption")).ToHaveTextAsync(Caption);
        await Expect(page.Locator("#body")).ToContainTextAsync("Tiếp.");
        await Expect(page.Locator("#body figcaption")).ToHaveCountAsync(0);
        await Expect(page.Locator("#body img")).ToHaveCountAsync(1);

        var candidates = new[] { 480, 800, 1200, 1600 }.Select(w => $"{photo.Url}?w={w}").ToList();
        await Expect(cover).ToHaveAttributeAsync("src", candidates[1]);
        await Expect(cover).ToHaveAttributeAsync("srcset", string.Join(", ", candidates.Zip([480, 800, 1200, 1600], (url, w) => $"{url} {w}w")));
        await Expect(cover).ToHaveAttributeAsync("width", "1600");
        await Expect(cover).ToHaveAttributeAsync("height", "1000");
        Assert.That(await cover.GetAttributeAsync("loading"), Is.Not.EqualTo("lazy"), "the cover is above the fold: it loads at once");

        Assert.That(await LoadedWidthsAsync(page), Has.Length.EqualTo(2).And.All.GreaterThan(0), "every picture on the article loads");
        var shown = await cover.EvaluateAsync<string>("img => new URL(img.currentSrc).pathname + new URL(img.currentSrc).search");
        Assert.That(shown, Is.AnyOf([.. candidates]), "the browser picked a size from the srcset");
        Assert.That(await cover.EvaluateAsync<int>("img => img.naturalWidth"), Is.LessThanOrEqualTo(OriginalWidth));
        var fromLibrary = await page.Locator("img").EvaluateAllAsync<int>($"images => images.filter(i => i.currentSrc.includes('/media/{photo.Id}/')).length");
        Assert.That(fromLibrary, Is.EqualTo(1), "the cover appears once");
        Assert.That(Requests.Select(r => r.Url), Has.None.EndsWith("?w=640"), "the body's copy of the cover is never fetched");
        await ScreenshotAsync(page, "article-cover-" + screen);
    }

    [Test]
    public async Task AnExternalCoverIsShownAsItIsAndOnce()
    {
        var url = MediaHost + "/bia.jpg";
        var body = $"""<p>Mở đầu.</p><figure><img src="{url}" alt="Bìa"><figcaption>Bìa</figcaption></figure><p>Tiếp.</p>""";
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { coverImage = new { url, alt = "Bìa" }, body }));

        var page = await ScreenAsync();
        await page.GotoAsync("/reader/article.html?slug=" + article.Slug);
        var cover = page.Locator("#cover img");
        await Expect(cover).ToHaveAttributeAsync("src", url);
        Assert.That(await cover.GetAttributeAsync("srcset"), Is.Null, "its host's sizes are unknown");
        await Expect(page.Locator("#body")).ToContainTextAsync("Tiếp.");
        await Expect(page.Locator("#body img")).ToHaveCountAsync(0);
        Assert.That(await LoadedWidthsAsync(page), Has.Length.EqualTo(1).And.All.GreaterThan(0));
    }
}
