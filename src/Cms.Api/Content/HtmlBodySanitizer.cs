using Ganss.Xss;

namespace Cms.Api.Content;

/// <summary>
/// Article bodies are HTML from editors' tools; what is stored is what every frontend may render as is. Allowed: the
/// structure of a news article (paragraphs, headings, lists, links, images with alt, figures with captions, tables,
/// emphasis, quotes), responsive images (srcset, sizes). Gone: scripts, styles, event handlers, forms, svg/math, and any
/// URL but http(s), mailto and addresses on this service (/media/...).
/// </summary>
public sealed class HtmlBodySanitizer
{
    private static readonly string[] Tags =
    [
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "img", "figure", "figcaption",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "em", "strong", "b", "i", "u", "s", "sub", "sup",
        "blockquote", "cite", "q", "code", "pre", "span", "div",
    ];

    // srcset and sizes let a picture from the media library come in the size a reader's screen needs.
    private static readonly string[] Attributes =
        ["href", "src", "srcset", "sizes", "alt", "title", "width", "height", "loading", "colspan", "rowspan", "scope", "lang", "dir"];

    private readonly HtmlSanitizer _sanitizer;

    public HtmlBodySanitizer()
    {
        _sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src", "srcset"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(),
            AllowedClasses = new HashSet<string>(),
        });
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link && link.HasAttribute("href"))
            {
                // Links open with no handle on the page that linked them.
                link.SetAttribute("rel", "noopener");
            }
        };
        _sanitizer.AllowedAttributes.Add("rel");
    }

    public string Sanitize(string html) => _sanitizer.Sanitize(html).Trim();
}
