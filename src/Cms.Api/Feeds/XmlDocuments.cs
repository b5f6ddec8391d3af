using System.Globalization;
using System.Text;
using System.Xml;

namespace Cms.Api.Feeds;

/// <summary>Feeds and sitemaps as UTF-8 bytes without a byte order mark (some crawlers reject one), and their dates.</summary>
internal static class XmlDocuments
{
    public const string Rss = "application/rss+xml; charset=utf-8";
    public const string Atom = "application/atom+xml; charset=utf-8";
    public const string Xml = "application/xml; charset=utf-8";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };

    public static byte[] Write(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    /// <summary>The text without characters XML cannot hold (stored before writes refused them): one must not break a feed.</summary>
    public static string Text(string text) =>
        text.All(Holdable) ? text : new string([.. text.Where(Holdable)]);

    private static bool Holdable(char c) => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c);

    /// <summary>W3C datetime (what sitemaps take), in UTC to the second.</summary>
    public static string W3cTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
