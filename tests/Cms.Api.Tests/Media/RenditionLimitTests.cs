using System.Net;
using Cms.Api.Media.Renditions;
using Cms.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cms.Api.Tests.Media;

/// <summary>One encode at a time with no queue, a 1 MB disk cache, and folders a second instance can share.</summary>
public sealed class RenditionLimitTests : MediaTest
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cms-rendition-limits-").FullName;

    protected override IReadOnlyDictionary<string, string?> MediaSettings => new Dictionary<string, string?>
    {
        ["Cms:Media:MaxConcurrentEncodes"] = "1",
        ["Cms:Media:EncodeQueueLength"] = "0",
        ["Cms:Media:RenditionCacheMegabytes"] = "1",
        ["Cms:Media:LocalPath"] = Path.Combine(_folder, "media"),
        ["Cms:Media:RenditionCachePath"] = Path.Combine(_folder, "renditions"),
    };

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task PastTheEncodeCapAndItsQueueTheAnswerIs503WithRetryAfter()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(200, 100), isPublic: true);
        var gate = App.Services.GetRequiredService<EncodeGate>();

        HttpResponseMessage busy;
        using (await gate.EnterAsync(CancellationToken.None))
        {
            // The one slot is taken, as by a long encode of another rendition.
            busy = await GetFileAsync(file, "?w=100&format=jpeg");
        }

        using (busy)
        {
            await AssertProblemAsync(busy, 503, "encode_busy");
            Assert.That(busy.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(Header(busy, "Cache-Control"), Is.EqualTo("no-store"));
        }

        await GetFileOkAsync(file, "?w=100&format=jpeg");
    }

    [Test]
    public async Task AKeptRenditionIsServedEvenWhileEveryEncoderIsBusy()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(200, 100), isPublic: true);
        await GetFileOkAsync(file, "?w=100&format=jpeg");

        using (await App.Services.GetRequiredService<EncodeGate>().EnterAsync(CancellationToken.None))
        {
            await GetFileOkAsync(file, "?w=100&format=jpeg");
        }
    }

    [Test]
    public async Task OverTheCacheSizeTheLeastRecentlyUsedIsEvictedAndMadeAgain()
    {
        // Noise does not compress: each 600 px PNG rendition is about 800 KB, two are over the 1 MB cache.
        var file = await AddMediaAsync(TestImages.NoisePng(640, 480), "nhieu.png", isPublic: true);
        var before = Encodes;
        await GetFileOkAsync(file, "?w=600&format=png");
        await GetFileOkAsync(file, "?w=590&format=png");
        var cache = App.Services.GetRequiredService<RenditionCache>();
        Assert.That(cache.Bytes, Is.LessThanOrEqualTo(1024 * 1024));

        await GetFileOkAsync(file, "?w=590&format=png");
        Assert.That(Encodes - before, Is.EqualTo(2), "the newer one is still kept");
        await GetFileOkAsync(file, "?w=600&format=png");

        Assert.That(Encodes - before, Is.EqualTo(3), "the older one was evicted and made again");
    }

    [Test]
    public async Task TheDiskCacheOutlivesARestart()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(200, 100), isPublic: true);
        await GetFileOkAsync(file, "?w=100&format=webp");

        await using var restarted = new CmsApp(ConnectionString, Settings);
        using var client = restarted.CreateClient();
        using var response = await GetFileFromAsync(client, file, "?w=100&format=webp");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(EncodesOf(restarted), Is.Zero, "served from the files the first instance left");
        }
    }

    [Test]
    public async Task AnOriginalOverALimitLoweredSinceUploadIs422NotAFailure()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(200, 100), isPublic: true);

        await using var stricter = new CmsApp(ConnectionString, new Dictionary<string, string?>(Settings) { ["Cms:Media:MaxPixels"] = "10000" });
        using var client = stricter.CreateClient();
        using var response = await GetFileFromAsync(client, file, "?w=50&format=webp");

        var problem = await AssertProblemAsync(response, 422, "invalid_image");
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That((string?)problem["detail"], Does.Contain("200 × 100"));
    }

    [Test]
    public async Task DeletingAnItemTakesItsRenditionsOffTheDisk()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(200, 100), isPublic: true);
        await GetFileOkAsync(file, "?w=100&format=webp");
        await GetFileOkAsync(file, "?w=50&format=jpeg");
        var cache = App.Services.GetRequiredService<RenditionCache>();
        var before = cache.Bytes;
        var folder = Path.Combine(_folder, "renditions", file.Id.ToString("N"));
        Assert.That(Directory.GetFiles(folder), Has.Length.EqualTo(2));

        using var deleted = await Client.SendAsync(Request(HttpMethod.Delete, $"/api/v1/media/{file.Id}", Editor));

        Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
        Assert.That(Directory.Exists(folder) ? Directory.GetFiles(folder) : [], Is.Empty);
        Assert.That(cache.Bytes, Is.LessThan(before));
    }
}
