using Cms.Api.Articles;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Articles;

public sealed class BodySanitizingTests : ContentTest
{
    private async Task<string> StoredBodyAsync(string html)
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var article = await CreateArticleResponseAsync(editor, ArticleBody(author, new { body = html, title = "Bài " + Guid.NewGuid().ToString("N")[..6] }));
        using var read = await SendAsync(HttpMethod.Get, $"/api/v1/articles/{article.Id}", editor);
        return (await ReadAsync<ArticleResponse>(read)).Body ?? throw new AssertionException("A single article always has a body.");
    }

    [TestCase("<script>alert(1)</script><p>ok</p>")]
    [TestCase("<p onclick=\"alert(1)\">ok</p>")]
    [TestCase("<a href=\"javascript:alert(1)\">ok</a>")]
    [TestCase("<a href=\"JaVaScRiPt:alert(1)\">ok</a>")]
    [TestCase("<a href=\"java&#x09;script:alert(1)\">ok</a>")]
    [TestCase("<img src=x onerror=alert(1)>")]
    [TestCase("<img src=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\" alt=\"x\">")]
    [TestCase("<svg><script>alert(1)</script></svg>")]
    [TestCase("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>")]
    [TestCase("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>")]
    [TestCase("<form action=\"https://evil.example\"><input name=x></form>")]
    [TestCase("<style>body{display:none}</style><p style=\"background:url(javascript:alert(1))\">ok</p>")]
    [TestCase("<iframe src=\"https://evil.example\"></iframe>")]
    [TestCase("<svg/onload=alert(1)>")]
    [TestCase("<img src=\"/a.jpg\" srcset=\"javascript:alert(1) 1x, data:image/png;base64,AAAA 2x\" alt=\"x\">")]
    public async Task DangerousMarkupIsRemoved(string html)
    {
        var stored = await StoredBodyAsync(html);

        Assert.That(stored.ToLowerInvariant(), Does.Not.Contain("<script").And.Not.Contain("javascript:").And.Not.Contain("onerror")
            .And.Not.Contain("onclick").And.Not.Contain("onload").And.Not.Contain("<svg").And.Not.Contain("<math").And.Not.Contain("<form")
            .And.Not.Contain("<style").And.Not.Contain("style=").And.Not.Contain("<iframe").And.Not.Contain("data:"));
    }

    [Test]
    public async Task NewsMarkupStaysAndLinksGetNoopener()
    {
        const string html = "<h2>Tiêu đề</h2><p>Đoạn <strong>đậm</strong> <em>nghiêng</em> <a href=\"https://example.org\">liên kết</a></p>"
            + "<figure><img src=\"https://example.org/a.jpg\" alt=\"Quang cảnh\"><figcaption>Quang cảnh Hội nghị</figcaption></figure>"
            + "<ul><li>một</li></ul><ol><li>hai</li></ol><blockquote>trích</blockquote>"
            + "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>";

        var stored = await StoredBodyAsync(html);

        Assert.That(stored, Does.Contain("<h2>Tiêu đề</h2>").And.Contain("<strong>đậm</strong>").And.Contain("<em>nghiêng</em>")
            .And.Contain("<img src=\"https://example.org/a.jpg\" alt=\"Quang cảnh\">").And.Contain("<figcaption>Quang cảnh Hội nghị</figcaption>")
            .And.Contain("<li>một</li>").And.Contain("<blockquote>trích</blockquote>").And.Contain("<td>1</td>")
            .And.Contain("<a href=\"https://example.org\" rel=\"noopener\">liên kết</a>"));
    }

    [Test]
    public async Task ResponsiveImagesFromTheMediaLibraryStay()
    {
        var html = """<figure><img src="/media/x/a.jpg?w=800" srcset="/media/x/a.jpg?w=400 400w, /media/x/a.jpg?w=800 800w" sizes="(max-width: 600px) 100vw, 800px" alt="Quang cảnh" loading="lazy"><figcaption>Quang cảnh Hội nghị</figcaption></figure>""";

        var stored = await StoredBodyAsync(html);

        Assert.That(stored, Does.Contain("""src="/media/x/a.jpg?w=800""").And.Contain("""srcset="/media/x/a.jpg?w=400 400w, /media/x/a.jpg?w=800 800w""")
            .And.Contain("""sizes="(max-width: 600px) 100vw, 800px""").And.Contain("loading=\"lazy\""));
    }

    [Test]
    public async Task SanitizingTwiceChangesNothing()
    {
        const string html = "<p>a <a href=\"https://example.org\" rel=\"nofollow\">b</a><img src=x onerror=alert(1)> &amp; &lt;c&gt;</p><p>d<br>e</p>";
        var once = await StoredBodyAsync(html);

        var twice = await StoredBodyAsync(once);

        Assert.That(twice, Is.EqualTo(once));
    }
}
