using System.Net;
using System.Text.RegularExpressions;
using Cms.Api.Articles;
using Cms.Api.Revisions;

namespace Cms.Api.Tests.Media;

/// <summary>A preview link opens the photos of the article it shows, and nothing else, for as long as it works.</summary>
public sealed partial class PreviewMediaTests : MediaTest
{
    private async Task<PreviewLinkResponse> LinkAsync(Guid id)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/v1/articles/{id}/preview-links", Editor);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return await ReadAsync<PreviewLinkResponse>(response);
    }

    private async Task<ArticleResponse> PreviewAsync(string token)
    {
        using var response = await Client.GetAsync($"/api/v1/preview/{token}");
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await ReadAsync<ArticleResponse>(response);
    }

    /// <summary>Every address in the body's src and srcset attributes, HTML-decoded.</summary>
    private static List<string> BodyAddresses(string? body) =>
        [.. Source().Matches(body ?? "").SelectMany(m => m.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(candidate => WebUtility.HtmlDecode(candidate.Split(' ')[0]))];

    private static string Figure(MediaFileRef file) =>
        $"""<figure><img src="{file.Url}?w=40" srcset="{file.Url}?w=20 20w, {file.Url}?w=40&amp;format=webp 40w" alt="Ảnh"><figcaption>Chú thích</figcaption></figure>""";

    private static string WithoutToken(string url) => TokenParameter().Replace(url, "").TrimEnd('?', '&');

    [Test]
    public async Task ADraftsPreviewShowsItsUnpublishedPhotosAndNothingElseDoes()
    {
        var cover = await AddMediaAsync(TestImages.Jpeg(60, 40), "bia.jpg");
        var inBody = await AddMediaAsync(TestImages.Jpeg(80, 50), "trong-bai.jpg");
        var other = await AddMediaAsync(TestImages.Jpeg(30, 20), "khac.jpg");
        var draft = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new
        {
            status = "draft", slug = "co-anh", coverImage = new { mediaId = cover.Id, url = (string?)null },
            body = $"<p>Mở đầu.</p>{Figure(inBody)}<p><a href=\"https://example.com/media/{inBody.Id}/x.jpg\">ngoài</a></p>",
        }));
        var otherDraft = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new
        {
            status = "draft", slug = "bai-khac", coverImage = new { mediaId = other.Id, url = (string?)null },
        }));
        var link = await LinkAsync(draft.Id);
        var otherLink = await LinkAsync(otherDraft.Id);

        var shown = await PreviewAsync(link.Token);
        var addresses = new List<string> { shown.CoverImage!.Url, shown.CoverImage.Url + "&w=30&h=30&fit=cover&format=png" };
        addresses.AddRange(BodyAddresses(shown.Body));
        Assert.That(addresses, Has.Count.EqualTo(5));
        Assert.That(addresses, Has.All.Contain("preview=" + link.Token));
        Assert.That(shown.Body, Does.Contain($"https://example.com/media/{inBody.Id}/x.jpg\""), "another host's address never gets the token");

        foreach (var url in addresses)
        {
            using var response = await Client.GetAsync(url);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            using (Assert.EnterMultipleScope())
            {
                Assert.That((int)response.StatusCode, Is.EqualTo(200), url);
                Assert.That(TestImages.Size(bytes).Width, Is.GreaterThan(0), url);
                Assert.That(CacheControl(response) is { Private: true, NoStore: true, Public: false }, Is.True, url + ": " + CacheControl(response));
                Assert.That(Header(response, "X-Robots-Tag"), Is.EqualTo("noindex"), url);
                Assert.That(await StatusOfAsync(Client, WithoutToken(url)), Is.EqualTo(404), "without the token: " + url);
            }
        }

        var coverUrl = shown.CoverImage.Url;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(TestImages.Size(await (await Client.GetAsync(addresses[3])).Content.ReadAsByteArrayAsync()).Width, Is.EqualTo(20), "w still works");
            Assert.That(await StatusOfAsync(Client, coverUrl.Replace(link.Token, otherLink.Token)), Is.EqualTo(404), "another article's link");
            Assert.That(await StatusOfAsync(Client, $"{other.Url}?preview={link.Token}"), Is.EqualTo(404), "an item the article does not use");
            Assert.That(await StatusOfAsync(Client, $"{other.Url}?preview={otherLink.Token}"), Is.EqualTo(200), "that one is the other preview's");
            Assert.That(await StatusOfAsync(Client, $"{cover.Url}?preview=never-issued"), Is.EqualTo(404));
        }

        using (var revoked = await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{draft.Id}/preview-links", Editor))
        {
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var afterRevoke = await Client.GetAsync(coverUrl);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)afterRevoke.StatusCode, Is.EqualTo(404));
            Assert.That(CacheControl(afterRevoke)?.NoStore, Is.True, "a 404 is kept nowhere either");
            Assert.That(await StatusOfAsync(Client, addresses[2]), Is.EqualTo(404));
        }
    }

    [Test]
    public async Task PendingChangesPhotosOpenWithTheLinkWhileReadersSeeTheLiveArticleUnchanged()
    {
        var live = await AddMediaAsync(TestImages.Jpeg(60, 40), "dang-hien.jpg");
        var next = await AddMediaAsync(TestImages.Jpeg(60, 40), "se-thay.jpg");
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new
        {
            slug = "dang-song", publishAt = Now.AddHours(-1), coverImage = new { mediaId = live.Id, url = (string?)null },
        }));
        using (var pending = await SendAsync(HttpMethod.Put, $"/api/v1/articles/{article.Id}/pending", Editor, ArticleBody(Author, new
        {
            slug = "dang-song", publishAt = article.PublishAt, coverImage = (object?)null, body = $"<p>Sửa.</p>{Figure(next)}",
        })))
        {
            Assert.That((int)pending.StatusCode, Is.EqualTo(200), await pending.Content.ReadAsStringAsync());
        }

        var link = await LinkAsync(article.Id);
        var shown = await PreviewAsync(link.Token);
        var read = await GetOkAsync<ArticleResponse>(Client, "/api/v1/articles/dang-song");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(BodyAddresses(shown.Body), Has.All.Contain("preview=" + link.Token));
            Assert.That(BodyAddresses(shown.Body), Has.Count.EqualTo(3));
            Assert.That(await StatusOfAsync(Client, BodyAddresses(shown.Body)[0]), Is.EqualTo(200), "the pending changes' photo");
            Assert.That(await StatusOfAsync(Client, next.Url), Is.EqualTo(404), "not out until they are published");
            Assert.That(await StatusOfAsync(Client, $"{live.Url}?preview={link.Token}"), Is.EqualTo(404), "the live cover is not in the preview");
            Assert.That(read.CoverImage!.Url, Is.EqualTo(live.Url), "the reader's answer has no token");
            Assert.That(read.Body, Does.Not.Contain("preview="));
            Assert.That(await StatusOfAsync(Client, live.Url), Is.EqualTo(200));
        }
    }

    [Test]
    public async Task AnExpiredLinkOpensNoPhoto()
    {
        var cover = await AddMediaAsync(TestImages.Jpeg(60, 40));
        var draft = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new
        {
            status = "draft", coverImage = new { mediaId = cover.Id, url = (string?)null },
        }));
        var url = (await PreviewAsync((await LinkAsync(draft.Id)).Token)).CoverImage!.Url;
        Assert.That(await StatusOfAsync(Client, url), Is.EqualTo(200));

        App.Clock.Advance(TimeSpan.FromHours(24));

        Assert.That(await StatusOfAsync(Client, url), Is.EqualTo(404));
    }

    [GeneratedRegex(@"\s(src|srcset)=""([^""]*)""")]
    private static partial Regex Source();

    [GeneratedRegex("preview=[^&]*&?")]
    private static partial Regex TokenParameter();
}
