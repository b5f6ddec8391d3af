using System.Net.Http.Headers;
using System.Security.Cryptography;
using Cms.Api.Data.Entities;
using Cms.Api.Media.Renditions;
using Cms.Api.Media.Storage;
using Cms.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cms.Api.Tests.Media;

/// <summary>Tests of media files: items arranged in the store and the database, files read through HTTP.</summary>
public abstract class MediaTest : WriterTest
{
    /// <summary>
    /// A media item with <paramref name="bytes"/> as its original, stored as upload stores it (key originals/{id}) and
    /// its row inserted; the one place to switch to POST /api/v1/media once upload is there.
    /// </summary>
    protected Task<MediaFileRef> AddMediaAsync(byte[] bytes, string fileName = "anh.jpg", string contentType = "image/jpeg",
        bool isPublic = false, double? focalX = null, double? focalY = null) =>
        AddMediaToAsync(App, bytes, fileName, contentType, isPublic, focalX, focalY);

    protected static async Task<MediaFileRef> AddMediaToAsync(CmsApp app, byte[] bytes, string fileName, string contentType,
        bool isPublic = false, double? focalX = null, double? focalY = null)
    {
        var id = Guid.CreateVersion7();
        var key = $"originals/{id}";
        using (var content = new MemoryStream(bytes))
        {
            await app.Services.GetRequiredService<IMediaStore>().PutAsync(key, content, bytes.Length, contentType, CancellationToken.None);
        }

        var (width, height, _, _) = TestImages.Read(bytes);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Cms.Api.Data.CmsDbContext>();
        var now = app.Clock.GetUtcNow();
        db.Media.Add(new MediaItem
        {
            Id = id,
            FileName = fileName,
            ContentType = contentType,
            Bytes = bytes.Length,
            Width = width,
            Height = height,
            FocalX = focalX,
            FocalY = focalY,
            IsPublic = isPublic,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            StorageKey = key,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        });
        await db.SaveChangesAsync();
        return new MediaFileRef(id, fileName);
    }

    /// <summary>Records that an article uses the item, as an article save will.</summary>
    protected async Task UseInArticleAsync(Guid articleId, Guid mediaId) => await WithDbAsync(async db =>
    {
        db.ArticleMedia.Add(new ArticleMedia { ArticleId = articleId, MediaId = mediaId });
        return await db.SaveChangesAsync();
    });

    protected Task<HttpResponseMessage> GetFileAsync(MediaFileRef file, string query = "", string? accept = null, string? token = null) =>
        GetFileFromAsync(Client, file, query, accept, token);

    protected static Task<HttpResponseMessage> GetFileFromAsync(HttpClient client, MediaFileRef file, string query = "", string? accept = null, string? token = null)
    {
        var request = Request(HttpMethod.Get, file.Url + query, token);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return client.SendAsync(request);
    }

    /// <summary>GETs the file, which must answer 200, and returns its bytes and content type.</summary>
    protected async Task<(byte[] Bytes, string ContentType)> GetFileOkAsync(MediaFileRef file, string query = "", string? accept = null)
    {
        using var response = await GetFileAsync(file, query, accept);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), file.Url + query + ": " + System.Text.Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(400, bytes.Length))));
        return (bytes, response.Content.Headers.ContentType!.MediaType!);
    }

    protected long Encodes => EncodesOf(App);

    protected static long EncodesOf(CmsApp app) => app.Services.GetRequiredService<RenditionMetrics>().Encodes;

    protected static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    protected static CacheControlHeaderValue? CacheControl(HttpResponseMessage response) => response.Headers.CacheControl;
}

public sealed record MediaFileRef(Guid Id, string FileName)
{
    public string Url => $"/media/{Id}/{Uri.EscapeDataString(FileName)}";
}
