using System.Net;
using System.Text.Json.Nodes;
using Cms.Api.Articles;
using Cms.Api.Authors;
using Cms.Api.Categories;
using Cms.Api.Infrastructure.Paging;

namespace Cms.Api.Tests.Infrastructure;

/// <summary>Helpers for tests that need authors, categories and articles, all made through the API.</summary>
public abstract class ContentTest : ApiTest
{
    protected async Task<string> EditorAsync() => (await CreateUserAsync("editor")).Token;

    protected async Task<Guid> CreateAuthorAsync(string token, string name = "Hồng Phái", string? organization = "BTG")
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/authors", token, new { name, organization });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await ReadAsync<AuthorResponse>(response)).Id;
    }

    protected async Task<Guid> CreateCategoryAsync(string token, string name = "Khoa giáo", Guid? parentId = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/categories", token, new { name, parentId });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await ReadAsync<CategoryResponse>(response)).Id;
    }

    /// <summary>
    /// An article body for create or replace, every writable property present (PUT needs them all; null slug and
    /// publishAt keep the article's own); <paramref name="changes"/> overrides or adds properties.
    /// </summary>
    protected internal static JsonObject ArticleBody(Guid authorId, object? changes = null, Guid? categoryId = null)
    {
        var body = new JsonObject
        {
            ["title"] = "Ban Tuyên giáo Tỉnh ủy: Giao ban công tác Khoa giáo 9 tháng năm 2017",
            ["slug"] = null,
            ["summary"] = "Giao ban công tác khoa giáo 9 tháng.",
            ["body"] = "<p>Ngày 09/10, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị.</p>",
            ["coverImage"] = null,
            ["status"] = "published",
            ["publishAt"] = null,
            ["expiresAt"] = null,
            ["source"] = null,
            ["authorIds"] = new JsonArray(authorId.ToString()),
            ["categoryIds"] = categoryId is null ? new JsonArray() : new JsonArray(categoryId.ToString()),
            ["tags"] = new JsonArray("khoa giáo"),
            ["allowRating"] = true,
            ["seo"] = null,
        };
        return With(body, changes);
    }

    /// <summary>The body with <paramref name="changes"/>' properties (as JSON) set on it, overriding or adding.</summary>
    protected internal static JsonObject With(JsonObject body, object? changes)
    {
        if (changes is not null)
        {
            foreach (var (key, value) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(changes))!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }

        return body;
    }

    protected async Task<JsonObject> CreateArticleAsync(string token, JsonObject body)
    {
        using var response = await PostArticleAsync(token, body);
        return await JsonAsync(response);
    }

    /// <summary>Creates an article and returns the answer as the service's <see cref="ArticleResponse"/>.</summary>
    protected async Task<ArticleResponse> CreateArticleResponseAsync(string token, JsonObject body)
    {
        using var response = await PostArticleAsync(token, body);
        return await ReadAsync<ArticleResponse>(response);
    }

    private async Task<HttpResponseMessage> PostArticleAsync(string token, JsonObject body)
    {
        var response = await SendAsync(HttpMethod.Post, "/api/v1/articles", token, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return response;
    }

    protected async Task<HttpResponseMessage> PutAsync(string url, string token, JsonObject body, string? ifMatch = null)
    {
        var request = Request(HttpMethod.Put, url, token, body);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Reads one page of an article list, which must answer 200.</summary>
    protected async Task<PagedList<ArticleResponse>> ArticlePageAsync(string url, string? token = null)
    {
        using var response = await SendAsync(HttpMethod.Get, url, token);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await ReadAsync<PagedList<ArticleResponse>>(response);
    }

    /// <summary>Reads a list to its end by following nextCursor, returning every slug in order and the pages seen.</summary>
    protected async Task<(List<string> Slugs, List<int> Pages)> FollowCursorsAsync(string query, Func<int, Task>? betweenPages = null)
    {
        var slugs = new List<string>();
        var pages = new List<int>();
        var url = "/api/v1/articles" + query;
        for (var i = 0; i < 100; i++)
        {
            var body = await ArticlePageAsync(url);
            slugs.AddRange(body.Items.Select(item => item.Slug));
            pages.Add(body.Page);
            if (body.NextCursor is not { } next)
            {
                return (slugs, pages);
            }

            if (betweenPages is not null)
            {
                await betweenPages(i);
            }

            url = "/api/v1/articles" + query + (query.Contains('?') ? "&" : "?") + "cursor=" + Uri.EscapeDataString(next);
        }

        throw new AssertionException("The cursor chain did not end.");
    }
}
