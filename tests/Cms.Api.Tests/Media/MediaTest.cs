using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Cms.Api.Media;
using Cms.Api.Media.Renditions;
using Cms.Api.Media.Storage;
using Cms.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cms.Api.Tests.Media;

/// <summary>For tests of the media library and its files: an editor signed in, uploads and files through HTTP.</summary>
public abstract class MediaTest(string store = MediaTest.Local) : WriterTest
{
    public const string Local = "local";
    public const string S3 = "s3";

    private S3StoreOptions? _bucket;

    /// <summary>The fixture's own settings; the store's (a fresh bucket on the run's RADOS Gateway for "s3") are added to them.</summary>
    protected virtual IReadOnlyDictionary<string, string?> MediaSettings => new Dictionary<string, string?>();

    protected sealed override IReadOnlyDictionary<string, string?> Settings =>
        _bucket is null ? MediaSettings : new Dictionary<string, string?>(MediaSettings.Concat(RadosGateway.Settings(_bucket)));

    protected override async Task PrepareAsync()
    {
        if (store == S3)
        {
            _bucket = await RadosGateway.NewBucketAsync();
        }
    }

    /// <summary>A media item with <paramref name="bytes"/> as its original, uploaded by the editor; made public or given a focal point after.</summary>
    protected async Task<MediaFileRef> AddMediaAsync(byte[] bytes, string fileName = "anh.jpg", bool isPublic = false, double? focalX = null, double? focalY = null)
    {
        var item = await UploadedAsync(bytes, fileName);
        if (isPublic || focalX is not null)
        {
            using var patched = await SendAsync(HttpMethod.Put, $"/api/v1/media/{item.Id}", Editor, new
            {
                alt = item.Alt, caption = item.Caption, credit = item.Credit,
                focalPoint = focalX is null ? null : new { x = focalX.Value, y = focalY ?? 0.5 }, @public = isPublic,
            });
            Assert.That((int)patched.StatusCode, Is.EqualTo(200), await patched.Content.ReadAsStringAsync());
        }

        return new MediaFileRef(item.Id, item.FileName);
    }

    /// <summary>Makes the item the article's cover, as an editor's save does (the article then records that it uses it).</summary>
    protected async Task UseInArticleAsync(Guid articleId, Guid mediaId)
    {
        var request = Request(HttpMethod.Patch, $"/api/v1/articles/{articleId}", Editor);
        request.Content = new StringContent($$"""{ "coverImage": { "mediaId": "{{mediaId}}", "url": null } }""", System.Text.Encoding.UTF8, "application/merge-patch+json");
        using var response = await Client.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
    }

    /// <summary>GETs <paramref name="url"/> as the editor; it must answer 200.</summary>
    protected async Task<T> EditorGetAsync<T>(string url)
    {
        using var response = await Client.SendAsync(Request(HttpMethod.Get, url, Editor));
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await ReadAsync<T>(response);
    }

    /// <summary>How many items the library holds, as an editor lists it.</summary>
    protected async Task<long> LibrarySizeAsync()
    {
        using var response = await Client.SendAsync(Request(HttpMethod.Get, "/api/v1/media?pageSize=1", Editor));
        return (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["total"]!;
    }

    /// <summary>How many originals the service's store holds: files in the local folder, or objects in the bucket.</summary>
    protected async Task<int> StoredCountAsync()
    {
        if (_bucket is not null)
        {
            using var client = S3MediaStore.ClientFor(_bucket);
            try
            {
                var listed = await client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = _bucket.Bucket, Prefix = "originals/" });
                return listed.KeyCount ?? 0;
            }
            catch (Amazon.S3.Model.NoSuchBucketException)
            {
                // The store makes its bucket at the first upload.
                return 0;
            }
        }

        var folder = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MediaOptions>>().Value.LocalPath;
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length : 0;
    }

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
