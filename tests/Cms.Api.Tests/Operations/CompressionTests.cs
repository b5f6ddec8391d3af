using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Operations;

public sealed class CompressionTests : WriterTest
{
    private async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string url, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }

        var response = await Client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [TestCase("br")]
    [TestCase("gzip")]
    public async Task AnswersAreCompressedForClientsThatAskAndDecompressToTheSameJson(string encoding)
    {
        for (var i = 0; i < 30; i++)
        {
            await CreateArticleAsync(Editor, ArticleBody(Author, new { title = $"Giao ban công tác Khoa giáo số {i}" }));
        }

        var (plainResponse, plain) = await GetAsync("/api/v1/sync", null);
        var (packedResponse, packed) = await GetAsync("/api/v1/sync", encoding);
        using (plainResponse)
        using (packedResponse)
        {
            Assert.That(plainResponse.Content.Headers.ContentEncoding, Is.Empty);
            Assert.That(packedResponse.Content.Headers.ContentEncoding, Is.EqualTo(new[] { encoding }));
            Assert.That(packedResponse.Headers.Vary, Does.Contain("Accept-Encoding"));
            Assert.That(packed.Length, Is.LessThan(plain.Length / 3), "JSON compresses well");
            var unpacked = JsonNode.Parse(Decompress(packed, encoding))!;
            Assert.That(unpacked["items"]!.AsArray().Count, Is.EqualTo(30));
            Assert.That(JsonNode.DeepEquals(unpacked["items"], JsonNode.Parse(plain)!["items"]), Is.True);
        }
    }

    [Test]
    public async Task ASmallAnswerGoesAsItIsBecausePackingItCostsMoreThanItSaves()
    {
        var article = await CreateArticleAsync(Editor, ArticleBody(Author));
        // The first read makes and caches the serialized article; the second is that cached answer, its length known.
        (await GetAsync($"/api/v1/articles/{article["slug"]}", "br")).Response.Dispose();
        var (response, body) = await GetAsync($"/api/v1/articles/{article["slug"]}", "br");

        using (response)
        {
            Assert.That(body.Length, Is.LessThan(8192));
            Assert.That(response.Content.Headers.ContentEncoding, Is.Empty);
            Assert.That(JsonNode.Parse(body)!["slug"]!.GetValue<string>(), Is.EqualTo(article["slug"]!.GetValue<string>()));
        }
    }

    [Test]
    public async Task TheAnswerCarryingASessionTokenIsNeverCompressed()
    {
        using var request = Request(HttpMethod.Post, "/api/v1/sessions", body: new { username = CmsApp.AdminUsername, password = CmsApp.AdminPassword });
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await Client.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(201));
        Assert.That(response.Content.Headers.ContentEncoding, Is.Empty, "no BREACH-style guessing of the token through compressed sizes");
    }
}
