using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Cms.Api.Media;
using Cms.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cms.Api.Tests.Media;

/// <summary>For tests of the media library: an editor and an author signed in, and uploads through the API.</summary>
public abstract class MediaTest : WriterTest
{
    protected async Task<HttpResponseMessage> UploadAsync(byte[] file, string fileName, string? token = null, IReadOnlyDictionary<string, string>? fields = null,
        string? contentType = "image/jpeg")
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        if (contentType is not null)
        {
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        // As browsers send names outside ASCII: RFC 5987 filename*, which can carry any character (the service must clean them).
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        form.Add(part);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        var request = Request(HttpMethod.Post, "/api/v1/media", token ?? Editor);
        request.Content = form;
        return await Client.SendAsync(request);
    }

    protected async Task<MediaResponse> UploadedAsync(byte[] file, string fileName = "anh.jpg", string? token = null, IReadOnlyDictionary<string, string>? fields = null)
    {
        using var response = await UploadAsync(file, fileName, token, fields);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return await ReadAsync<MediaResponse>(response);
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

    /// <summary>Files in the service's local media store (its originals).</summary>
    protected string[] StoredFiles()
    {
        var folder = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MediaOptions>>().Value.LocalPath;
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }
}
