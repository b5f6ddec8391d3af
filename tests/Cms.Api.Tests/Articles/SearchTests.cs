using Cms.Api.Articles;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Articles;

/// <summary>
/// Run twice: once with searches always walking a sort's index and testing each article (SearchWalkCost 0), once always
/// reading matches from the GIN index and sorting them (a huge cost). Which one PostgreSQL is steered to must not change
/// any answer.
/// </summary>
[TestFixture("walk")]
[TestFixture("bitmap")]
public sealed class SearchTests(string plan) : WriterTest
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Cms:Lists:SearchWalkCost"] = plan == "walk" ? "0" : "1000000" };

    [SetUp]
    public async Task SeedAsync()
    {
        await AddAsync("giao-ban", "Giao ban công tác Khoa giáo 9 tháng", "Hội nghị tổng kết.", "<p>Ban Tuyên giáo tổ chức hội nghị.</p>", -5);
        await AddAsync("dong-chi", "Đồng chí Trần Đức Vương dự lễ khai giảng", "Năm học mới ở vùng cao.", "<p>Học sinh <b>phấn khởi</b>.</p>", -4);
        await AddAsync("tiem-chung", "Tiêm chủng mở rộng", "Ngành y tế hoàn thành kế hoạch.", "<p>Trẻ em được tiêm đủ mũi. Khoa giáo phối hợp.</p>", -3);
        await AddAsync("le-hoi", "Lễ hội đường phố", "Khoa giáo và văn hóa cùng vào cuộc.", "<figure><img src=\"/a.jpg\" alt=\"x\"><figcaption>Ảnh: Nguyễn Ngọc Ánh</figcaption></figure>", -2);
    }

    private async Task AddAsync(string slug, string title, string summary, string body, int hours) =>
        await CreateArticleAsync(Editor, ArticleBody(Author, new { slug, title, summary, body, publishAt = Now.AddHours(hours) }));

    private async Task<string[]> SearchAsync(string q, string sort = "") =>
        (await ArticlePageAsync("/api/v1/articles?q=" + Uri.EscapeDataString(q) + sort)).Items.Select(i => i.Slug).ToArray();

    [TestCase("khoa giao")]
    [TestCase("Khoa giáo")]
    [TestCase("KHOA GIÁO")]
    [TestCase("khoa giáo")]
    public async Task CaseAndAccentsAreOptional(string q) =>
        Assert.That(await SearchAsync(q), Is.EquivalentTo(new[] { "giao-ban", "tiem-chung", "le-hoi" }));

    [TestCase("duc vuong", "dong-chi")]
    [TestCase("ĐỨC VƯƠNG", "dong-chi")]
    [TestCase("dong chi tran", "dong-chi")]
    [TestCase("phan khoi", "dong-chi")]
    [TestCase("nguyen ngoc anh", "le-hoi")]
    [TestCase("anh nguyen", "le-hoi")]
    public async Task VietnameseLettersFoldToTheirBase(string q, string slug) =>
        Assert.That(await SearchAsync(q), Is.EqualTo(new[] { slug }));

    [Test]
    public async Task EveryWordMustMatchAndTheLastMayBeAPrefix()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SearchAsync("giao tiem"), Is.EqualTo(new[] { "tiem-chung" }), "AND, not OR");
            Assert.That(await SearchAsync("tiêm ch"), Is.EqualTo(new[] { "tiem-chung" }), "type-ahead on the last word");
            Assert.That(await SearchAsync("ch tiem"), Is.Empty, "only the last word is a prefix");
            Assert.That(await SearchAsync("b"), Does.Contain("giao-ban"));
        }
    }

    [Test]
    public async Task LongWordsAreFoundByAnyBeginning()
    {
        // Beginnings up to 16 letters are indexed as words of their own (cms_search_words); longer ones match as prefixes.
        await AddAsync("dai", "Từ dài nhất", "Bài về chữ", "<p>antidisestablishmentarianism được nhắc.</p>", -1);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SearchAsync("chu antidisestab"), Is.EqualTo(new[] { "dai" }), "16 letters");
            Assert.That(await SearchAsync("chu antidisestabl"), Is.EqualTo(new[] { "dai" }), "17 letters");
            Assert.That(await SearchAsync("antidisestablishmentarianism"), Is.EqualTo(new[] { "dai" }), "the whole word");
            Assert.That(await SearchAsync("antidisestablishmentarianismx"), Is.Empty, "one letter more");
            Assert.That(await SearchAsync("antidisestab chu"), Is.Empty, "a beginning only as the last word");
        }
    }

    [Test]
    public async Task TagsInTheBodyAreNotText() =>
        Assert.That(await SearchAsync("figcaption"), Is.Empty);

    [Test]
    public async Task RelevanceRanksTitleHitsFirst()
    {
        // "khoa giáo" is in giao-ban's title, le-hoi's summary and tiem-chung's body; the newest-first order is the reverse.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SearchAsync("khoa giao", "&sort=relevance"), Is.EqualTo(new[] { "giao-ban", "le-hoi", "tiem-chung" }));
            Assert.That(await SearchAsync("khoa giao"), Is.EqualTo(new[] { "le-hoi", "tiem-chung", "giao-ban" }));
        }
    }

    [Test]
    public async Task RelevanceCursorsCoverTheResultsOnce()
    {
        using var first = await Client.GetAsync("/api/v1/articles?q=khoa&sort=relevance&pageSize=2");
        var page1 = await ReadAsync<PagedList<ArticleResponse>>(first);
        using var second = await Client.GetAsync("/api/v1/articles?q=khoa&sort=relevance&pageSize=2&cursor=" + Uri.EscapeDataString(page1.NextCursor!));
        var page2 = await ReadAsync<PagedList<ArticleResponse>>(second);

        var slugs = page1.Items.Concat(page2.Items).Select(i => i.Slug);
        Assert.That(slugs, Is.EqualTo(new[] { "giao-ban", "le-hoi", "tiem-chung" }));
        Assert.That(page2.NextCursor, Is.Null);
    }

    [TestCase("-publishedAt", new[] { "le-hoi", "tiem-chung", "giao-ban" })]
    [TestCase("publishedAt", new[] { "giao-ban", "tiem-chung", "le-hoi" })]
    [TestCase("-viewCount", null)]
    [TestCase("-rating", null)]
    public async Task CursorsCoverTheResultsOnceInEveryOrder(string sort, string[]? expected)
    {
        foreach (var total in new[] { "", "&includeTotal=false" })
        {
            var (slugs, _) = await FollowCursorsAsync($"?q=khoa&sort={sort}&pageSize=1{total}");

            // Views and ratings are all 0 here: those orders are settled by id, so only the set is known.
            Assert.That(slugs, expected is null ? Is.EquivalentTo(new[] { "giao-ban", "tiem-chung", "le-hoi" }) : Is.EqualTo(expected), total);
        }
    }

    [TestCase("khoa xyzzy")]
    [TestCase("xyzzy khoa")]
    [TestCase("xyzzy k")]
    public async Task AWordNoArticleHasFindsNothingBesideACommonOne(string q)
    {
        // Word statistics cannot tell such a word from a merely uncommon one; the answer (and its cost) must still be nothing.
        foreach (var total in new[] { "", "&includeTotal=false" })
        {
            using var response = await Client.GetAsync("/api/v1/articles?q=" + Uri.EscapeDataString(q) + total);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
            var body = await ReadAsync<PagedList<ArticleResponse>>(response);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(body.Items, Is.Empty);
                Assert.That(body.Total, total == "" ? Is.EqualTo(0) : Is.Null);
            }
        }
    }

    [TestCase("' OR 1=1 --")]
    [TestCase("khoa & !giao | (x")]
    [TestCase("giao:* <-> ban")]
    [TestCase("\\\\'; DROP TABLE articles; --")]
    [TestCase("ａｂｃ")]
    public async Task HostileInputIsOnlyText(string q)
    {
        using var response = await Client.GetAsync("/api/v1/articles?q=" + Uri.EscapeDataString(q));

        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM articles"), Is.EqualTo(4));
    }

    [Test]
    public async Task SearchSeesEditsAndOnlyVisibleArticles()
    {
        await CreateArticleAsync(Editor, ArticleBody(Author, new { slug = "nhap", title = "Khoa giáo bản nháp", status = "draft" }));
        var created = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "sua", title = "Bản tin sáng", publishAt = Now.AddHours(-1) }));
        Assert.That(await SearchAsync("ban tin sang"), Is.EqualTo(new[] { "sua" }));

        using var edited = await PutAsync($"/api/v1/articles/{created.Id}", Editor,
            ArticleBody(Author, new { slug = "sua", title = "Bản tin chiều", publishAt = Now.AddHours(-1) }));
        Assert.That((int)edited.StatusCode, Is.EqualTo(200));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SearchAsync("ban tin sang"), Is.Empty);
            Assert.That(await SearchAsync("ban tin chieu"), Is.EqualTo(new[] { "sua" }));
            Assert.That(await SearchAsync("ban nhap"), Is.Empty, "drafts stay hidden from readers");
        }
    }

    [Test]
    public async Task EveryVietnameseLetterFoldsToItsBase()
    {
        // The whole alphabet with every tone, upper and lower case: each must be found by its letters without marks.
        const string marked = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
        var folded = new string('a', 17) + new string('e', 11) + new string('i', 5) + new string('o', 17) + new string('u', 11) + new string('y', 5) + "d";
        Assert.That(folded, Has.Length.EqualTo(marked.Length));
        var text = string.Join(' ', marked.Select((c, i) => $"x{c}{i}"));
        var upper = string.Join(' ', marked.ToUpperInvariant().Select((c, i) => $"y{c}{i}"));
        await CreateArticleAsync(Editor, ArticleBody(Author, new { slug = "bang-chu", title = "Bảng chữ cái", summary = upper, body = $"<p>{text}</p>", publishAt = Now.AddHours(-1) }));

        var missing = new List<string>();
        for (var i = 0; i < marked.Length; i++)
        {
            if ((await SearchAsync($"x{folded[i]}{i}")).Length != 1 || (await SearchAsync($"y{folded[i]}{i}")).Length != 1)
            {
                missing.Add(marked[i].ToString());
            }
        }

        Assert.That(missing, Is.Empty);
    }
}
