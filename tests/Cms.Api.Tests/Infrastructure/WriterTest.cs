using System.Net.Http.Headers;
using Cms.Api.Media;

namespace Cms.Api.Tests.Infrastructure;

/// <summary>For tests that write content: before each test an editor is signed in and one author exists; uploads to the media library.</summary>
public abstract class WriterTest : ContentTest
{
    protected string Editor { get; private set; } = "";

    protected Guid Author { get; private set; }

    [SetUp]
    public async Task SignInWriterAsync()
    {
        Editor = await EditorAsync();
        Author = await CreateAuthorAsync(Editor);
    }

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
}
