using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Tests.Media;

/// <summary>Anonymous readers get a file only while a visible article uses it or it is public; signed-in users always.</summary>
[TestFixture(Local)]
[TestFixture(S3, Category = "S3")]
public sealed class MediaAccessTests(string store) : MediaTest(store)
{
    [Test]
    public async Task AnUnusedFileIs404ToReadersUntilAPublishedArticleUsesIt()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(60, 40));
        var before = await GetFileAsync(file, "?format=jpeg");
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author));

        await UseInArticleAsync(article.Id, file.Id);
        using var after = await GetFileAsync(file, "?format=jpeg");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)before.StatusCode, Is.EqualTo(404));
            Assert.That((int)after.StatusCode, Is.EqualTo(200));
            Assert.That(Header(after, "Cache-Control"), Is.EqualTo("public, max-age=31536000, immutable"));
        }

        before.Dispose();
    }

    [Test]
    public async Task APublicFileIsServedToReadersWithNoArticle()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(60, 40));
        Assert.That(await StatusOfAsync(Client, file.Url), Is.EqualTo(404));

        await WithDbAsync(db => db.Media.Where(m => m.Id == file.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsPublic, true)));

        Assert.That(await StatusOfAsync(Client, file.Url), Is.EqualTo(200));
    }

    [Test]
    public async Task AScheduledStorysPhotosAreOutWhenTheStoryIs()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(60, 40));
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { publishAt = Now.AddHours(1) }));
        await UseInArticleAsync(article.Id, file.Id);
        Assert.That(await StatusOfAsync(Client, file.Url), Is.EqualTo(404), "scheduled: not yet");

        App.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.That(await StatusOfAsync(Client, file.Url), Is.EqualTo(200), "published by time alone, no write");
    }

    [Test]
    public async Task ADraftsPhotosAreNotOut()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(60, 40));
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { status = "draft" }));

        await UseInArticleAsync(article.Id, file.Id);

        Assert.That(await StatusOfAsync(Client, file.Url), Is.EqualTo(404));
    }

    [Test]
    public async Task SignedInUsersReadEveryFileButNoSharedCacheMayKeepAnUnpublishedOne()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(60, 40));
        var (_, _, author) = await CreateUserAsync("author");

        using var response = await GetFileAsync(file, "?format=jpeg", token: author);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(CacheControl(response)?.Private, Is.True);
            Assert.That(CacheControl(response)?.Public, Is.False);
        }
    }

    [Test]
    public async Task A304IsNoWayAroundThe404()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(60, 40));
        using var signedIn = await GetFileAsync(file, "?format=jpeg", token: await SignInAsAdminAsync());
        var request = Request(HttpMethod.Get, file.Url + "?format=jpeg");
        request.Headers.TryAddWithoutValidation("If-None-Match", signedIn.Headers.ETag!.ToString());

        using var anonymous = await Client.SendAsync(request);

        Assert.That((int)anonymous.StatusCode, Is.EqualTo(404));
    }
}
