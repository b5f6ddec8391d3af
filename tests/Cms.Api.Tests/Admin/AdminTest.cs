using System.Text.Json;
using Cms.Api.Articles;
using Cms.Api.Tests.Infrastructure;
using Cms.Api.Tests.Reader;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cms.Api.Tests.Admin;

/// <summary>
/// The newsroom (/admin/) in Debian's Chromium against the service on real Kestrel and a real database, like the
/// reader's tests: one browser per fixture, a fresh context per page. The app is built by the .NET build when Node is
/// present; without it these tests say what to install (and fail where CMS_REQUIRE_FRONTEND_TOOLS=1).
/// </summary>
public abstract partial class AdminTest : ReaderTest
{
    private static readonly string AdminFolder = Path.Combine(Repository.Root, "src", "Cms.Admin");
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Path.Combine(AdminFolder, "node_modules", "axe-core", "axe.min.js")));

    [OneTimeSetUp]
    public void RequireBuiltApp()
    {
        // The machine is shared with builds and benchmarks: assertions wait as long as actions do.
        SetDefaultExpectTimeout(10_000);
        if (!File.Exists(Path.Combine(Repository.Root, "src", "Cms.Api", "wwwroot", "admin", "app.js")))
        {
            Prerequisite.Missing("the newsroom built into src/Cms.Api/wwwroot/admin (install Node.js 20+ and npm, then dotnet build)", "CMS_REQUIRE_FRONTEND_TOOLS");
        }
    }

    /// <summary>Signs in through the sign-in page as a new user of <paramref name="role"/>; answers the user's name, token and password.</summary>
    protected async Task<(string Username, string Token, string Password)> SignInAsync(IPage page, string role = "editor")
    {
        var (username, password, _) = await CreateUserAsync(role);
        await SignInAsync(page, username, password);
        return (username, await page.EvaluateAsync<string>("() => sessionStorage.getItem('cms.admin.token')"), password);
    }

    /// <summary>What a browser hands the page when someone pastes from Word or Google Docs: an HTML clipboard, pasted into the body.</summary>
    protected static async Task PasteHtmlAsync(IPage page, string html)
    {
        await page.Locator("#body").ClickAsync();
        await page.Locator("#body").EvaluateAsync(PasteScript, html);
    }

    private const string PasteScript =
        "(body, html) => { const data = new DataTransfer(); data.setData('text/html', html); data.setData('text/plain', 'pasted'); " +
        "body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })); }";

    /// <summary>Word's HTML for a heading, a bold and an italic word and a 2×2 table, with its styles, classes, o:p and a script.</summary>
    protected const string WordTable =
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><style>p.MsoNormal{margin:0}</style></head><body>" +
        "<h1 class=MsoTitle>Kết quả 9 tháng</h1>" +
        "<p class=MsoNormal style='margin:0'><span style='font-weight:bold;mso-bidi-font-weight:normal'>Đậm</span> và " +
        "<span style='font-style:italic'>nghiêng</span><o:p></o:p></p>" +
        "<table class=MsoTableGrid border=1 style='border-collapse:collapse'><tr><td style='width:100pt'><p class=MsoNormal>Chỉ tiêu</p></td>" +
        "<td><p class=MsoNormal>Kết quả</p></td></tr><tr><td><p>Lớp học</p></td><td><p>42</p></td></tr></table>" +
        "<script>window.pasted = true</script></body></html>";

    /// <summary>
    /// Google Docs' HTML, in the shape Chrome puts on the clipboard: everything inside a
    /// <c>&lt;b style="font-weight:normal" id="docs-internal-guid-..."&gt;</c>, bold and italics as span styles, paragraphs
    /// and list items with dir and line-height, a table with a colgroup and styled cells, and a link (underlined by a span).
    /// </summary>
    protected const string GoogleDocsFragment =
        "<meta charset=\"utf-8\"><b style=\"font-weight:normal;\" id=\"docs-internal-guid-5c1f0a2b-7fff-3e4d-9a61-0b2c3d4e5f60\">" +
        "<p dir=\"ltr\" style=\"line-height:1.38;margin-top:0pt;margin-bottom:0pt;\"><span style=\"font-size:11pt;font-family:Arial,sans-serif;" +
        "color:#000000;background-color:transparent;font-weight:400;font-style:normal;vertical-align:baseline;white-space:pre-wrap;\">Lũ trên sông Nậm Na </span>" +
        "<span style=\"font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:700;font-style:normal;white-space:pre-wrap;\">dâng nhanh</span>" +
        "<span style=\"font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;font-style:normal;white-space:pre-wrap;\"> trong </span>" +
        "<span style=\"font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;font-style:italic;white-space:pre-wrap;\">đêm qua</span>" +
        "<span style=\"font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;white-space:pre-wrap;\">, theo </span>" +
        "<a href=\"https://thoitiet.example.vn/canh-bao\" style=\"text-decoration:none;\"><span style=\"font-size:11pt;font-family:Arial,sans-serif;" +
        "color:#1155cc;font-weight:400;text-decoration:underline;-webkit-text-decoration-skip:none;text-decoration-skip-ink:none;white-space:pre-wrap;\">" +
        "bản tin cảnh báo</span></a><span style=\"font-size:11pt;font-weight:400;white-space:pre-wrap;\">.</span></p><br>" +
        "<ul style=\"margin-top:0;margin-bottom:0;padding-inline-start:48px;\">" +
        "<li dir=\"ltr\" style=\"list-style-type:disc;font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;white-space:pre;\" aria-level=\"1\">" +
        "<p dir=\"ltr\" style=\"line-height:1.38;margin-top:0pt;margin-bottom:0pt;\" role=\"presentation\"><span style=\"font-size:11pt;font-weight:400;" +
        "white-space:pre-wrap;\">Sơ tán 40 hộ dân</span></p></li>" +
        "<li dir=\"ltr\" style=\"list-style-type:disc;font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;white-space:pre;\" aria-level=\"1\">" +
        "<p dir=\"ltr\" style=\"line-height:1.38;margin-top:0pt;margin-bottom:0pt;\" role=\"presentation\"><span style=\"font-size:11pt;font-weight:400;" +
        "white-space:pre-wrap;\">Cấm đường qua ngầm tràn</span></p></li></ul><br>" +
        "<div dir=\"ltr\" style=\"margin-left:0pt;\" align=\"left\"><table style=\"border:none;border-collapse:collapse;\"><colgroup><col width=\"301\">" +
        "<col width=\"301\"></colgroup><tbody><tr style=\"height:0pt\">" +
        "<td style=\"border-left:solid #000000 1pt;border-right:solid #000000 1pt;border-bottom:solid #000000 1pt;border-top:solid #000000 1pt;" +
        "vertical-align:top;padding:5pt 5pt 5pt 5pt;overflow:hidden;overflow-wrap:break-word;\"><p dir=\"ltr\" style=\"line-height:1.2;margin-top:0pt;" +
        "margin-bottom:0pt;\"><span style=\"font-size:11pt;font-weight:700;white-space:pre-wrap;\">Xã</span></p></td>" +
        "<td style=\"border-left:solid #000000 1pt;vertical-align:top;padding:5pt 5pt 5pt 5pt;overflow:hidden;\"><p dir=\"ltr\" style=\"line-height:1.2;" +
        "margin-top:0pt;margin-bottom:0pt;\"><span style=\"font-size:11pt;font-weight:700;white-space:pre-wrap;\">Số hộ</span></p></td></tr>" +
        "<tr style=\"height:0pt\"><td style=\"border-left:solid #000000 1pt;vertical-align:top;padding:5pt 5pt 5pt 5pt;\"><p dir=\"ltr\" " +
        "style=\"line-height:1.2;margin-top:0pt;margin-bottom:0pt;\"><span style=\"font-size:11pt;font-weight:400;white-space:pre-wrap;\">Mường Chà</span></p></td>" +
        "<td style=\"border-left:solid #000000 1pt;vertical-align:top;padding:5pt 5pt 5pt 5pt;\"><p dir=\"ltr\" style=\"line-height:1.2;margin-top:0pt;" +
        "margin-bottom:0pt;\"><span style=\"font-size:11pt;font-weight:400;white-space:pre-wrap;\">40</span></p></td></tr></tbody></table></div></b>" +
        "<br class=\"Apple-interchange-newline\">";

    /// <summary>The article as the API answers it to <paramref name="token"/>.</summary>
    protected async Task<ArticleResponse> ArticleAsync(Guid id, string token, string suffix = "")
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/articles/{id}{suffix}", token);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await ReadAsync<ArticleResponse>(response);
    }

    /// <summary>The id in the editor's address (#/articles/{id}), once the first save gave it one.</summary>
    protected static async Task<Guid> EditedIdAsync(IPage page)
    {
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/articles/[0-9a-f-]{36}$"));
        return Guid.Parse(page.Url[^36..]);
    }

    protected static ILocatorAssertions ExpectSaved(IPage page) => Expect(page.Locator("#save-state"));

    /// <summary>The save line once the server has the text.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^Đã lưu")]
    protected static partial System.Text.RegularExpressions.Regex Saved();

    protected static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/admin/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(username);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(page.Locator("#signed-in-as")).ToBeVisibleAsync();
    }

    /// <summary>
    /// axe-core (from the app's npm packages) on the page as it is: no serious or critical violation. Run through the
    /// debugging protocol, so the page's content policy (no inline script) stays on.
    /// </summary>
    protected static async Task AssertAccessibleAsync(IPage page, string name)
    {
        await page.EvaluateAsync(AxeSource.Value + "\n;undefined");
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
              .filter((v) => v.impact === 'serious' || v.impact === 'critical')
              .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)
            """);
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.That(found, Is.Empty, $"axe on {name}");
    }
}
