namespace Cms.Api.Feeds;

/// <summary>The sitemaps.org protocol and Google's news extension, written with XmlWriter.</summary>
internal static class SitemapXml
{
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string NewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";

    public static byte[] Index(IEnumerable<string> sitemaps) => XmlDocuments.Write(writer =>
    {
        writer.WriteStartElement("sitemapindex", Namespace);
        foreach (var loc in sitemaps)
        {
            writer.WriteStartElement("sitemap", Namespace);
            writer.WriteElementString("loc", Namespace, loc);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    });

    public static byte[] Urls(IEnumerable<(string Loc, DateTimeOffset LastModified)> urls) => XmlDocuments.Write(writer =>
    {
        writer.WriteStartElement("urlset", Namespace);
        foreach (var (loc, lastModified) in urls)
        {
            writer.WriteStartElement("url", Namespace);
            writer.WriteElementString("loc", Namespace, loc);
            writer.WriteElementString("lastmod", Namespace, XmlDocuments.W3cTime(lastModified));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    });

    public static byte[] News(SiteOptions site, IEnumerable<(string Loc, SitemapArticle Article)> urls) => XmlDocuments.Write(writer =>
    {
        writer.WriteStartElement("urlset", Namespace);
        writer.WriteAttributeString("xmlns", "news", null, NewsNamespace);
        foreach (var (loc, article) in urls)
        {
            writer.WriteStartElement("url", Namespace);
            writer.WriteElementString("loc", Namespace, loc);
            writer.WriteStartElement("news", NewsNamespace);
            writer.WriteStartElement("publication", NewsNamespace);
            writer.WriteElementString("name", NewsNamespace, site.Name);
            writer.WriteElementString("language", NewsNamespace, site.Language);
            writer.WriteEndElement();
            writer.WriteElementString("publication_date", NewsNamespace, XmlDocuments.W3cTime(article.PublishAt));
            writer.WriteElementString("title", NewsNamespace, XmlDocuments.Text(article.Title));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    });
}
