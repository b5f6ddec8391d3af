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
