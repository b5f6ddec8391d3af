using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cms.Api.Tests.Admin;

/// <summary>Writing: the slug as the server folds it, autosave, the local copy, a 412 from a second browser, paste, roles, history, the bin.</summary>
[Category("Browser")]
public sealed partial class AdminEditorTests : AdminTest
{
    [Test]
    public async Task WritingShowsTheSlugAsTheServerFoldsItAndAutosavesWhenTypingStops()
    {
        var (_, token, _) = await SignInAsync(Page);
        await CreateCategoryAsync(Editor, "Khoa giáo");
        await Page.GotoAsync("/admin/#/articles/new");
        await Page.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync("Đồng chí Trần Đức Vương dự hội nghị");
        await Expect(Page.Locator("#slug")).ToHaveTextAsync("dong-chi-tran-duc-vuong-du-hoi-nghi");
        await Page.GetByLabel("Tóm tắt (sapo)").FillAsync("Sáng 9/10, hội nghị giao ban.");
        await Page.Locator("#body").ClickAsync();
        await Page.Keyboard.TypeAsync("Nội dung bài viết.");
        await Page.GetByLabel("Thêm thẻ").FillAsync("khoa giáo");
        await Page.GetByLabel("Thêm thẻ").PressAsync("Enter");
        await Page.GetByLabel("Khoa giáo", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Nguồn").FillAsync("Báo Lai Châu");
        await Page.GetByLabel("Cho phép bạn đọc chấm điểm").UncheckAsync();
        await Page.GetByText("SEO", new() { Exact = true }).ClickAsync();
        await Page.GetByLabel("Tiêu đề SEO").FillAsync("Hội nghị giao ban");

        // No button pressed: the autosave a few seconds after typing stops gives the article its id.
        await ExpectSaved(Page).ToHaveTextAsync(Saved());
        var id = await EditedIdAsync(Page);
        var saved = await ArticleAsync(id, token);
        Assert.Multiple(() =>
        {
            Assert.That(saved.Title, Is.EqualTo("Đồng chí Trần Đức Vương dự hội nghị"));
            Assert.That(saved.Slug, Is.EqualTo("dong-chi-tran-duc-vuong-du-hoi-nghi"));
            Assert.That(saved.Body, Is.EqualTo("<p>Nội dung bài viết.</p>"));
            Assert.That(saved.Tags, Is.EqualTo(new[] { "khoa giáo" }));
            Assert.That(saved.Categories.Select(c => c.Name), Is.EqualTo(new[] { "Khoa giáo" }));
            Assert.That(saved.Source, Is.EqualTo("Báo Lai Châu"));
            Assert.That(saved.AllowRating, Is.False);
            Assert.That(saved.Seo.Title, Is.EqualTo("Hội nghị giao ban"));
            Assert.That(saved.Status.ToString(), Is.EqualTo("Draft"));
        });
        Assert.That(await Page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('cms.admin.draft')).length"), Is.Zero);

        // A draft's slug follows its title until it is published or set by hand.
        await Page.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync("Đồng chí Trần Đức Vương dự hội nghị tỉnh");
        await Expect(Page.Locator("#slug")).ToHaveTextAsync("dong-chi-tran-duc-vuong-du-hoi-nghi-tinh");
        await ExpectSaved(Page).ToHaveTextAsync(Saved());
        Assert.That((await ArticleAsync(id, token)).Slug, Is.EqualTo("dong-chi-tran-duc-vuong-du-hoi-nghi-tinh"));
        await AssertAccessibleAsync(Page, "editor");
    }

    [Test]
    public async Task TextIsKeptInTheBrowserUntilTheServerHasIt()
    {
        var (username, token, password) = await SignInAsync(Page);
        var article = await CreateArticleResponseAsync(token, ArticleBody(Author, new { title = "Bài viết dở", status = "draft" }));
        await Page.GotoAsync($"/admin/#/articles/{article.Id}");
        await Expect(Page.GetByLabel("Tiêu đề", new() { Exact = true })).ToHaveValueAsync("Bài viết dở");

        // The connection drops: the save fails, the text stays in this browser.
        await Page.Context.SetOfflineAsync(true);
        await Page.GetByLabel("Tóm tắt (sapo)").FillAsync("Viết lúc mất mạng.");
        await ExpectSaved(Page).ToContainTextAsync("Chưa lưu được");
        await Page.Context.SetOfflineAsync(false);
        var context = Page.Context;
        await Page.CloseAsync();

        // The journalist comes back (a new tab, signed in again): the text is restored and saved.
        var again = await context.NewPageAsync();
        await SignInAsync(again, username, password);
        await again.GotoAsync($"/admin/#/articles/{article.Id}");
        await Expect(again.GetByLabel("Tóm tắt (sapo)")).ToHaveValueAsync("Viết lúc mất mạng.");
        await ExpectSaved(again).ToHaveTextAsync(Saved());
        Assert.That((await ArticleAsync(article.Id, token)).Summary, Is.EqualTo("Viết lúc mất mạng."));
    }

    [Test]
    public async Task ASaveFromASecondBrowserIsShownBesideMineAndIChoose()
    {
        var (_, token, _) = await SignInAsync(Page);
        var article = await CreateArticleResponseAsync(token, ArticleBody(Author, new { title = "Bài chung", status = "draft", body = "<p>Bản đầu.</p>" }));
        await Page.GotoAsync($"/admin/#/articles/{article.Id}");
        await Expect(Page.Locator("#body")).ToContainTextAsync("Bản đầu.");

        // A colleague in another browser saves first.
        var other = await NewPageAsync();
        await SignInAsync(other);
        await other.GotoAsync($"/admin/#/articles/{article.Id}");
        await other.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync("Bài chung (sửa của đồng nghiệp)");
        await other.Locator("#save").ClickAsync();
        await ExpectSaved(other).ToHaveTextAsync(Saved());

        // My autosave meets 412: both versions are shown, nothing is overwritten until I choose.
        await Page.Locator("#body").ClickAsync();
        await Page.Keyboard.PressAsync("End");
        await Page.Keyboard.TypeAsync(" Thêm của tôi.");
        var conflict = Page.Locator("#conflict-box .conflict");
        await Expect(conflict).ToBeVisibleAsync();
        await Expect(conflict.Locator("#mine")).ToContainTextAsync("Thêm của tôi.");
        await Expect(conflict.Locator("#theirs")).ToContainTextAsync("Bài chung (sửa của đồng nghiệp)");
        Assert.That((await ArticleAsync(article.Id, token)).Title, Is.EqualTo("Bài chung (sửa của đồng nghiệp)"));
        await AssertAccessibleAsync(Page, "conflict");

        await conflict.GetByRole(AriaRole.Button, new() { Name = "Giữ bản của tôi" }).ClickAsync();
        await ExpectSaved(Page).ToHaveTextAsync(Saved());
        await Expect(conflict).ToHaveCountAsync(0);
        var kept = await ArticleAsync(article.Id, token);
        Assert.That(kept.Title, Is.EqualTo("Bài chung"));
        Assert.That(kept.Body, Is.EqualTo("<p>Bản đầu. Thêm của tôi.</p>"));
        Assert.That(kept.Version, Is.EqualTo(article.Version + 2));
    }

    /// <summary>A new article titled <paramref name="title"/> with <paramref name="html"/> pasted into it (holding a 2×2 table), saved: its body as stored.</summary>
    private async Task<string> PastedAndSavedAsync(string title, string html)
    {
        var (_, token, _) = await SignInAsync(Page);
        await Page.GotoAsync("/admin/#/articles/new");
        await Page.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync(title);
        await PasteHtmlAsync(Page, html);
        await Expect(Page.Locator("#body table td")).ToHaveCountAsync(4);
        await Page.Locator("#save").ClickAsync();
        await ExpectSaved(Page).ToHaveTextAsync(Saved());
        return (await ArticleAsync(await EditedIdAsync(Page), token)).Body!;
    }

    [Test]
    public async Task PasteFromWordArrivesAsOnlyWhatTheSanitizerKeeps()
    {
        var body = await PastedAndSavedAsync("Bảng dán từ Word", WordTable);
        Assert.Multiple(() =>
        {
            Assert.That(body, Does.Contain("<h2>Kết quả 9 tháng</h2>"));
            Assert.That(body, Does.Contain("<strong>Đậm</strong>"));
            Assert.That(body, Does.Contain("<em>nghiêng</em>"));
            Assert.That(body, Does.Contain("<table>"));
            Assert.That(body, Does.Contain("<p>42</p>"));
            Assert.That(body, Does.Not.Contain("style").And.Not.Contain("class").And.Not.Contain("Mso").And.Not.Contain("o:p").And.Not.Contain("script"));
        });
        Assert.That(await Page.EvaluateAsync<bool?>("() => window.pasted"), Is.Null, "the pasted script never ran");
    }

    [Test]
    public async Task PasteFromGoogleDocsKeepsItsEmphasisListTableAndLinkButNoneOfItsMarkup()
    {
        var body = await PastedAndSavedAsync("Dán từ Google Docs", GoogleDocsFragment);
        Assert.Multiple(() =>
        {
            Assert.That(body, Does.StartWith("<p>Lũ trên sông Nậm Na <strong>dâng nhanh</strong> trong <em>đêm qua</em>, theo "), "the wrapper's bold is not the text's");
            Assert.That(body, Does.Contain("<a href=\"https://thoitiet.example.vn/canh-bao\"").And.Contain(">bản tin cảnh báo</a>.</p><ul>"),
                "a link, not underlined twice, and no empty paragraph for Google's <br> between blocks");
            Assert.That(body, Does.Contain("<ul><li><p>Sơ tán 40 hộ dân</p></li><li><p>Cấm đường qua ngầm tràn</p></li></ul><table>"));
            Assert.That(body, Does.Contain("<table>").And.Contain("<strong>Số hộ</strong>").And.Contain("<p>Mường Chà</p>").And.Contain("<p>40</p>"));
            Assert.That(body, Does.Not.Contain("style").And.Not.Contain("docs-internal-guid").And.Not.Contain("dir=").And.Not.Contain("<b")
                .And.Not.Contain("colgroup").And.Not.Contain("aria-level").And.Not.Contain("role=").And.Not.Contain("<u>").And.Not.Contain("<span"));
        });
    }

    [Test]
    public async Task AnAuthorSavesDraftsAndCannotPublish()
    {
        var (_, token, _) = await SignInAsync(Page, "author");
        await Page.GotoAsync("/admin/#/articles/new");
        await Page.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync("Tin của phóng viên");
        await Page.Locator("#save").ClickAsync();
        await ExpectSaved(Page).ToHaveTextAsync(Saved());
        await Expect(Page.Locator("#author-hint")).ToBeVisibleAsync();
        await Expect(Page.Locator("#publish-now, #schedule, #archive, #delete")).ToHaveCountAsync(0);
        var id = await EditedIdAsync(Page);
        Assert.That((await ArticleAsync(id, token)).Status.ToString(), Is.EqualTo("Draft"));

        await Page.GotoAsync("/admin/#/articles");
        await Expect(Page.GetByLabel("Trạng thái")).ToBeDisabledAsync();
        await Expect(Page.Locator("#nav")).Not.ToContainTextAsync("Bài đã xóa");
    }

    [Test]
    public async Task ARevisionIsRestoredFromTheHistory()
    {
        var (_, token, _) = await SignInAsync(Page);
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { title = "Bản đầu tiên", status = "draft" }));
        using (var second = await PutAsync($"/api/v1/articles/{article.Id}", token, ArticleBody(Author, new { title = "Bản thứ hai", status = "draft" }), $"\"{article.Version}\""))
        {
            Assert.That((int)second.StatusCode, Is.EqualTo(200), await second.Content.ReadAsStringAsync());
        }

        await Page.GotoAsync($"/admin/#/articles/{article.Id}");
        await Expect(Page.GetByLabel("Tiêu đề", new() { Exact = true })).ToHaveValueAsync("Bản thứ hai");
        await Page.Locator("#show-history").ClickAsync();
        await Expect(Page.Locator("#revisions li")).ToHaveCountAsync(2);
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Khôi phục bản {article.Version}" }).ClickAsync();
        await Expect(Page.GetByLabel("Tiêu đề", new() { Exact = true })).ToHaveValueAsync("Bản đầu tiên");
        var restored = await ArticleAsync(article.Id, token);
        Assert.That(restored.Title, Is.EqualTo("Bản đầu tiên"));
        Assert.That(restored.Version, Is.EqualTo(article.Version + 2));
    }

    [Test]
    public async Task ADeletedArticleComesBackFromTheBin()
    {
        var (_, token, _) = await SignInAsync(Page);
        var article = await CreateArticleResponseAsync(token, ArticleBody(Author, new { title = "Bài sẽ xóa", status = "draft" }));
        Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await Page.GotoAsync($"/admin/#/articles/{article.Id}");
        await Expect(Page.GetByLabel("Tiêu đề", new() { Exact = true })).ToHaveValueAsync("Bài sẽ xóa");
        await Page.Locator("#delete").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("#/articles$"));
        using (var gone = await SendAsync(HttpMethod.Get, $"/api/v1/articles/{article.Id}", token))
        {
            Assert.That((int)gone.StatusCode, Is.EqualTo(404));
        }

        await Page.GetByRole(AriaRole.Link, new() { Name = "Bài đã xóa" }).ClickAsync();
        await AssertAccessibleAsync(Page, "deleted");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Khôi phục Bài sẽ xóa" }).ClickAsync();
        await Expect(Page.GetByLabel("Tiêu đề", new() { Exact = true })).ToHaveValueAsync("Bài sẽ xóa");
        Assert.That((await ArticleAsync(article.Id, token)).Status.ToString(), Is.EqualTo("Draft"));
    }
}
