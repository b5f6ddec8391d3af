using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Feeds;

/// <summary>Helpers for reading feeds and sitemaps as XML, each checked for its content type and a BOM-free UTF-8 start.</summary>
public abstract partial class FeedTest : WriterTest
{
    protected static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    protected static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";
    protected static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [GeneratedRegex(@"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2}) (UT|GMT|Z|[+-]\d{4})$")]
    private static partial Regex Rfc822Date();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339Date();

    /// <summary>GETs a document that must answer 200 in <paramref name="mediaType"/> (UTF-8), and parses it.</summary>
    protected async Task<XDocument> XmlAsync(string url, string mediaType)
    {
        using var response = await Client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
            Assert.That(response.Content.Headers.ContentType?.CharSet, Is.EqualTo("utf-8"));
            Assert.That(bytes[0], Is.EqualTo((byte)'<'), "no byte order mark");
            Assert.That(text, Does.StartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
        }

        return XDocument.Parse(text);
    }

    protected async Task<Guid> PublishAsync(string title, DateTimeOffset publishAt, Guid? categoryId = null, object? changes = null)
    {
        var body = With(ArticleBody(Author, new { title, publishAt }, categoryId), changes);
        return (await CreateArticleResponseAsync(Editor, body)).Id;
    }

    /// <summary>An RFC 822 date-time as RSS 2.0 requires (four-digit years, as every reader takes).</summary>
    protected static DateTimeOffset Rfc822(string text)
    {
        var match = Rfc822Date().Match(text);
        Assert.That(match.Success, Is.True, $"'{text}' is not an RFC 822 date-time");
        var zone = match.Groups[2].Value is "UT" or "GMT" or "Z" ? "+00:00" : match.Groups[2].Value.Insert(3, ":");
        return DateTimeOffset.ParseExact($"{match.Groups[1].Value} {zone}", "d MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture);
    }

    /// <summary>An RFC 3339 date-time, as Atom requires (and W3C datetime, as sitemaps take, in its full form).</summary>
    protected static DateTimeOffset Rfc3339(string text)
    {
        Assert.That(Rfc3339Date().IsMatch(text), Is.True, $"'{text}' is not an RFC 3339 date-time");
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }
}
