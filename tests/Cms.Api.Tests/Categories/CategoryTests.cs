using System.Net;
using System.Text.Json.Nodes;
using Cms.Api.Categories;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Categories;

public sealed class CategoryTests : ContentTest
{
    [Test]
    public async Task CategoriesListFlatWithTheirParent()
    {
        var editor = await EditorAsync();
        var news = await CreateCategoryAsync(editor, "Tin tức");
        var child = await CreateCategoryAsync(editor, "Khoa giáo", news);

        using var list = await Client.GetAsync("/api/v1/categories");
        using var bySlug = await Client.GetAsync("/api/v1/categories/khoa-giao");

        var items = (await ReadAsync<PagedList<CategoryResponse>>(list)).Items;
        Assert.That(items.Select(i => i.Slug), Is.EquivalentTo(new[] { "tin-tuc", "khoa-giao" }));
        Assert.That((await ReadAsync<CategoryResponse>(bySlug)).ParentId, Is.EqualTo(news));
        Assert.That(child, Is.Not.EqualTo(news));
    }

    [Test]
    public async Task ACategoryCannotBecomeItsOwnAncestor()
    {
        var editor = await EditorAsync();
        var parent = await CreateCategoryAsync(editor, "Cha");
        var child = await CreateCategoryAsync(editor, "Con", parent);

        using var loop = await PutAsync($"/api/v1/categories/{parent}", editor, new JsonObject { ["name"] = "Cha", ["slug"] = null, ["description"] = null, ["parentId"] = child.ToString() });
        using var unknown = await SendAsync(HttpMethod.Post, "/api/v1/categories", editor, new { name = "Mồ côi", parentId = Guid.CreateVersion7() });

        Assert.That((await AssertProblemAsync(loop, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("parentId"), Is.True);
        Assert.That((await AssertProblemAsync(unknown, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("parentId"), Is.True);
    }

    [Test]
    public async Task ACategoryInUseCannotBeDeleted()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var used = await CreateCategoryAsync(editor, "Đang dùng");
        var parent = await CreateCategoryAsync(editor, "Có con");
        await CreateCategoryAsync(editor, "Con", parent);
        var unused = await CreateCategoryAsync(editor, "Trống");
        await CreateArticleAsync(editor, ArticleBody(author, categoryId: used));

        using var withArticle = await SendAsync(HttpMethod.Delete, $"/api/v1/categories/{used}", editor);
        using var withChild = await SendAsync(HttpMethod.Delete, $"/api/v1/categories/{parent}", editor);
        using var empty = await SendAsync(HttpMethod.Delete, $"/api/v1/categories/{unused}", editor);

        await AssertProblemAsync(withArticle, 409, "category_in_use");
        await AssertProblemAsync(withChild, 409, "category_in_use");
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }
}
