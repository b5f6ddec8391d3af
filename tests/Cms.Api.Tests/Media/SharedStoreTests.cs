using Cms.Api.Media;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Media;

/// <summary>Two instances of one deployment on one S3 bucket: a photo uploaded through one is served, resized, by the other.</summary>
[Category("S3")]
public sealed class SharedStoreTests
{
    [Test]
    public async Task APhotoUploadedThroughOneInstanceIsServedByTheOther()
    {
        var bucket = await RadosGateway.NewBucketAsync();
        await using var pair = await InstancePair.StartAsync(RadosGateway.Settings(bucket));
        var (token, author) = await pair.WriterAsync();
        var upload = ApiTest.Request(HttpMethod.Post, "/api/v1/media", token);
        upload.Content = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Jpeg(640, 400)), "file", "hoi-nghi.jpg" } };
        using var uploaded = await pair.ClientA.SendAsync(upload);
        var item = await ApiTest.ReadAsync<MediaResponse>(uploaded);
        await pair.PublishAsync(pair.ClientA, token, author, "anh-chung", changes: new { coverImage = new { mediaId = item.Id } });

        using var rendition = await pair.ClientB.GetAsync(item.Url + "?w=320&format=webp");
        var bytes = await rendition.Content.ReadAsByteArrayAsync();

        Assert.That((int)rendition.StatusCode, Is.EqualTo(200), System.Text.Encoding.UTF8.GetString(bytes));
        Assert.That(TestImages.Size(bytes), Is.EqualTo((320, 200)));
    }
}
