using Cms.Api.Articles;
using Cms.Api.Authors;
using Cms.Api.Categories;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Media;
using Cms.Api.Tests.Infrastructure;
using Cms.Api.Tests.Media;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cms.Api.Tests.Caching;

/// <summary>
/// Every route that writes content, taken from the route table, is called on one instance while both instances hold
/// cached answers: the writer's own instance shows the change at once, the other once it has heard the notification.
/// A new write route fails here until it is given a scenario (or named as not writing content).
/// </summary>
public sealed class ContentRouteInvalidationTests
{
    private static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        // Cached answers live a minute here, so only invalidation can explain a fresh read.
        ["Cms:ReadCache:MaxAgeMilliseconds"] = "60000",
    };

    /// <summary>Write routes that change no content readers see (sessions, users, API tokens, counters).</summary>
    private static readonly string[] NotContent =
    [
        "POST /api/v1/sessions/", "POST /api/v1/sessions/current/keep-alive", "DELETE /api/v1/sessions/current/", "POST /api/v1/users/",
        // Users (names, roles, passwords) are seen only by signed-in staff, whose answers are never cached.
        "PATCH /api/v1/users/{id:guid}", "POST /api/v1/users/{id:guid}/password-reset",
        "POST /api/v1/api-tokens/", "DELETE /api/v1/api-tokens/{id:guid}",
        "POST /api/v1/articles/{id:guid}/views", "POST /api/v1/articles/{id:guid}/ratings/",
        // A new item is seen by no reader until an article uses it or it is made public (both writes with scenarios).
        "POST /api/v1/media/",
        // Webhooks are admin configuration, never content readers see.
        "POST /api/v1/webhooks/", "PUT /api/v1/webhooks/{id:guid}", "PATCH /api/v1/webhooks/{id:guid}", "DELETE /api/v1/webhooks/{id:guid}",
        "POST /api/v1/webhooks/{id:guid}/rotate-secret", "POST /api/v1/webhooks/{id:guid}/ping",
        "POST /api/v1/webhooks/{id:guid}/deliveries/{deliveryId:guid}/redeliver",
        // Pending changes and preview links are kept apart from what readers read (the articles table): readers see
        // nothing until an editor publishes (a scenario below). An undeleted article comes back as a draft.
        "PUT /api/v1/articles/{id:guid}/pending", "PATCH /api/v1/articles/{id:guid}/pending", "DELETE /api/v1/articles/{id:guid}/pending",
        "POST /api/v1/articles/{id:guid}/preview-links", "DELETE /api/v1/articles/{id:guid}/preview-links", "POST /api/v1/articles/{id:guid}/undelete",
    ];

    /// <summary>Sets up and reads on both instances (cached); returns the write through A, and a check that its change shows.</summary>
    private delegate Task<(Func<Task> Write, Func<HttpClient, Task<bool>> Changed)> Scenario(InstancePair pair, string token, Guid author);

    private static readonly Dictionary<string, Scenario> Scenarios = new()
    {
        ["POST /api/v1/articles/"] = async (pair, token, author) =>
        {
            await WarmAsync(pair, "/api/v1/articles");
            return (async () => await pair.PublishAsync(pair.ClientA, token, author, "moi"),
                async c => (await GetAsync<PagedList<ArticleResponse>>(c, "/api/v1/articles")).Items.Any(a => a.Slug == "moi"));
        },
        ["PUT /api/v1/articles/{id:guid}"] = async (pair, token, author) =>
        {
            var article = await pair.PublishAsync(pair.ClientA, token, author, "sua");
            await WarmAsync(pair, "/api/v1/articles/sua");
            return (async () => await SendAsync(pair.ClientA, HttpMethod.Put, $"/api/v1/articles/{article.Id}", token, ContentTest.ArticleBody(author, new { slug = "sua", title = "Đã sửa", publishAt = article.PublishAt })),
                async c => (await GetAsync<ArticleResponse>(c, "/api/v1/articles/sua")).Title == "Đã sửa");
        },
        ["PATCH /api/v1/articles/{id:guid}"] = async (pair, token, author) =>
        {
            var article = await pair.PublishAsync(pair.ClientA, token, author, "va");
            await WarmAsync(pair, "/api/v1/articles/va");
            return (async () => await PatchAsync(pair.ClientA, $"/api/v1/articles/{article.Id}", token, """{ "summary": "Đã vá" }"""),
                async c => (await GetAsync<ArticleResponse>(c, "/api/v1/articles/va")).Summary == "Đã vá");
        },
        ["DELETE /api/v1/articles/{id:guid}"] = async (pair, token, author) =>
        {
            var article = await pair.PublishAsync(pair.ClientA, token, author, "xoa");
            await WarmAsync(pair, "/api/v1/articles/xoa");
            return (async () => await SendAsync(pair.ClientA, HttpMethod.Delete, $"/api/v1/articles/{article.Id}", token),
                async c => await StatusAsync(c, "/api/v1/articles/xoa") == 404);
        },
        ["POST /api/v1/articles/{id:guid}/revisions/{version}/restore"] = async (pair, token, author) =>
        {
            var article = await pair.PublishAsync(pair.ClientA, token, author, "khoi-phuc");
            await pair.SettledAsync(async () => await SendAsync(pair.ClientA, HttpMethod.Put, $"/api/v1/articles/{article.Id}", token,
                ContentTest.ArticleBody(author, new { slug = "khoi-phuc", title = "Bản sau", publishAt = article.PublishAt })));
            await WarmAsync(pair, "/api/v1/articles/khoi-phuc");
            return (async () => await SendAsync(pair.ClientA, HttpMethod.Post, $"/api/v1/articles/{article.Id}/revisions/1/restore", token),
                async c => (await GetAsync<ArticleResponse>(c, "/api/v1/articles/khoi-phuc")).Title == article.Title);
        },
        ["POST /api/v1/articles/{id:guid}/pending/publish"] = async (pair, token, author) =>
        {
            var article = await pair.PublishAsync(pair.ClientA, token, author, "cho-duyet");
            await SendAsync(pair.ClientA, HttpMethod.Put, $"/api/v1/articles/{article.Id}/pending", token,
                ContentTest.ArticleBody(author, new { slug = "cho-duyet", title = "Đã duyệt", publishAt = article.PublishAt }));
            await WarmAsync(pair, "/api/v1/articles/cho-duyet");
            return (async () => await SendAsync(pair.ClientA, HttpMethod.Post, $"/api/v1/articles/{article.Id}/pending/publish", token),
                async c => (await GetAsync<ArticleResponse>(c, "/api/v1/articles/cho-duyet")).Title == "Đã duyệt");
        },
        ["POST /api/v1/authors/"] = async (pair, token, _) =>
        {
            await WarmAsync(pair, "/api/v1/authors");
            return (async () => await SendAsync(pair.ClientA, HttpMethod.Post, "/api/v1/authors", token, new { name = "Tác giả mới" }),
                async c => (await GetAsync<PagedList<AuthorResponse>>(c, "/api/v1/authors")).Items.Any(a => a.Name == "Tác giả mới"));
        },
        ["PUT /api/v1/authors/{id:guid}"] = async (pair, token, author) =>
        {
            await pair.PublishAsync(pair.ClientA, token, author, "ten-tac-gia");
            await WarmAsync(pair, "/api/v1/articles/ten-tac-gia");
            return (async () => await SendAsync(pair.ClientA, HttpMethod.Put, $"/api/v1/authors/{author}", token, new { name = "Hồng Phái (BTG)", slug = "hong-phai", organization = "BTG", bio = (string?)null, avatarUrl = (string?)null }),
                async c => (await GetAsync<ArticleResponse>(c, "/api/v1/articles/ten-tac-gia")).Authors[0].Name == "Hồng Phái (BTG)");
        },
        ["PATCH /api/v1/authors/{id:guid}"] = async (pair, token, author) =>
        {
            await pair.PublishAsync(pair.ClientA, token, author, "don-vi");
            await WarmAsync(pair, "/api/v1/articles/don-vi");
            return (async () => await PatchAsync(pair.ClientA, $"/api/v1/authors/{author}", token, """{ "organization": "Ban Tuyên giáo" }"""),
                async c => (await GetAsync<ArticleResponse>(c, "/api/v1/articles/don-vi")).Authors[0].Organization == "Ban Tuyên giáo");
        },
        ["DELETE /api/v1/authors/{id:guid}"] = async (pair, token, _) =>
        {
            var other = await pair.SettledAsync(async () => await ReadAsync<AuthorResponse>(await SendAsync(pair.ClientA, HttpMethod.Post, "/api/v1/authors", token, new { name = "Sắp xoá" })));
            await WarmAsync(pair, "/api/v1/authors");
            return (async () => await SendAsync(pair.ClientA, HttpMethod.Delete, $"/api/v1/authors/{other.Id}", token),
                async c => (await GetAsync<PagedList<AuthorResponse>>(c, "/api/v1/authors")).Items.All(a => a.Id != other.Id));
        },
        ["PUT /api/v1/media/{id:guid}"] = async (pair, token, author) =>
        {
            var media = await pair.SettledAsync(() => UploadAsync(pair.ClientA, token));
            await pair.PublishAsync(pair.ClientA, token, author, "anh-bia", changes: new { coverImage = new { mediaId = media.Id } });
            await WarmAsync(pair, "/api/v1/articles/anh-bia");
            return (async () => await SendAsync(pair.ClientA, HttpMethod.Put, $"/api/v1/media/{media.Id}", token,
                    new { alt = "Toàn cảnh hội nghị", caption = (string?)null, credit = (string?)null, focalPoint = (object?)null, @public = false }),
                async c => (await GetAsync<ArticleResponse>(c, "/api/v1/articles/anh-bia")).CoverImage!.Alt == "Toàn cảnh hội nghị");
        },
        ["PATCH /api/v1/media/{id:guid}"] = async (pair, token, author) =>
        {
            var media = await pair.SettledAsync(() => UploadAsync(pair.ClientA, token));
            await pair.PublishAsync(pair.ClientA, token, author, "chu-thich", changes: new { coverImage = new { mediaId = media.Id } });
            await WarmAsync(pair, "/api/v1/articles/chu-thich");
            return (async () => await PatchAsync(pair.ClientA, $"/api/v1/media/{media.Id}", token, """{ "caption": "Ảnh: Hồng Phái" }"""),
                async c => (await GetAsync<ArticleResponse>(c, "/api/v1/articles/chu-thich")).CoverImage!.Caption == "Ảnh: Hồng Phái");
        },
        ["DELETE /api/v1/media/{id:guid}"] = async (pair, token, _) =>
        {
            var media = await pair.SettledAsync(() => UploadAsync(pair.ClientA, token));
            await pair.SettledAsync(async () => { await PatchAsync(pair.ClientA, $"/api/v1/media/{media.Id}", token, """{ "public": true }"""); return 0; });
            await WarmAsync(pair, media.Url);
            return (async () => await SendAsync(pair.ClientA, HttpMethod.Delete, $"/api/v1/media/{media.Id}", token),
                async c => await StatusAsync(c, media.Url) == 404);
        },
        ["POST /api/v1/categories/"] = async (pair, token, _) =>
        {
            await WarmAsync(pair, "/api/v1/categories");
            return (async () => await SendAsync(pair.ClientA, HttpMethod.Post, "/api/v1/categories", token, new { name = "Thời sự" }),
                async c => (await GetAsync<PagedList<CategoryResponse>>(c, "/api/v1/categories")).Items.Any(x => x.Name == "Thời sự"));
        },
        ["PUT /api/v1/categories/{id:guid}"] = async (pair, token, _) =>
        {
            var category = await pair.SettledAsync(async () => await ReadAsync<CategoryResponse>(await SendAsync(pair.ClientA, HttpMethod.Post, "/api/v1/categories", token, new { name = "Khoa giáo" })));
            await WarmAsync(pair, $"/api/v1/categories/{category.Id}");
            return (async () => await SendAsync(pair.ClientA, HttpMethod.Put, $"/api/v1/categories/{category.Id}", token, new { name = "Khoa giáo - Văn xã", slug = category.Slug, description = (string?)null, parentId = (Guid?)null }),
                async c => (await GetAsync<CategoryResponse>(c, $"/api/v1/categories/{category.Id}")).Name == "Khoa giáo - Văn xã");
        },
        ["PATCH /api/v1/categories/{id:guid}"] = async (pair, token, _) =>
        {
            var category = await pair.SettledAsync(async () => await ReadAsync<CategoryResponse>(await SendAsync(pair.ClientA, HttpMethod.Post, "/api/v1/categories", token, new { name = "Văn hoá" })));
            await WarmAsync(pair, $"/api/v1/categories/{category.Id}");
            return (async () => await PatchAsync(pair.ClientA, $"/api/v1/categories/{category.Id}", token, """{ "description": "Văn hoá - Xã hội" }"""),
                async c => (await GetAsync<CategoryResponse>(c, $"/api/v1/categories/{category.Id}")).Description == "Văn hoá - Xã hội");
        },
        ["DELETE /api/v1/categories/{id:guid}"] = async (pair, token, _) =>
        {
            var category = await pair.SettledAsync(async () => await ReadAsync<CategoryResponse>(await SendAsync(pair.ClientA, HttpMethod.Post, "/api/v1/categories", token, new { name = "Sắp xoá" })));
            await WarmAsync(pair, "/api/v1/categories");
            return (async () => await SendAsync(pair.ClientA, HttpMethod.Delete, $"/api/v1/categories/{category.Id}", token),
                async c => (await GetAsync<PagedList<CategoryResponse>>(c, "/api/v1/categories")).Items.All(x => x.Id != category.Id));
        },
    };

    [Test]
    public async Task EveryWriteRouteIsKnownToWriteContentOrNot()
    {
        await using var pair = await InstancePair.StartAsync(Settings);
        var writes = pair.A.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Where(r => !r.StartsWith("GET ", StringComparison.Ordinal) && !r.StartsWith("HEAD ", StringComparison.Ordinal))
            .ToList();

        Assert.That(writes.Except(NotContent).Order(), Is.EqualTo(Scenarios.Keys.Order()), "give each content route a scenario here: " + string.Join(", ", writes));
    }

    [TestCaseSource(nameof(ContentRoutes))]
    public async Task AContentWriteShowsAtOnceHereAndOnceHeardOnAnotherInstance(string route)
    {
        await using var pair = await InstancePair.StartAsync(Settings);
        var (token, author) = await pair.WriterAsync();
        var (write, changed) = await Scenarios[route](pair, token, author);

        await ApiTest.HeardAsync(pair.B, write);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await changed(pair.ClientA), Is.True, "on the writer's instance, at once");
            Assert.That(await changed(pair.ClientB), Is.True, "on the other instance, once it heard the change");
        }
    }

    private static IEnumerable<string> ContentRoutes() => Scenarios.Keys;

    private static async Task WarmAsync(InstancePair pair, string url)
    {
        foreach (var client in new[] { pair.ClientA, pair.ClientB })
        {
            Assert.That(await StatusAsync(client, url), Is.EqualTo(200), url);
        }
    }

    private static async Task<MediaResponse> UploadAsync(HttpClient client, string token)
    {
        var request = ApiTest.Request(HttpMethod.Post, "/api/v1/media", token);
        request.Content = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Picture("jpg")), "file", "hoi-nghi.jpg" } };
        return await ReadAsync<MediaResponse>(await client.SendAsync(request));
    }

    private static Task<T> GetAsync<T>(HttpClient client, string url) => ApiTest.GetOkAsync<T>(client, url);

    private static Task<int> StatusAsync(HttpClient client, string url) => ApiTest.StatusOfAsync(client, url);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string token, object? body = null)
    {
        var response = await client.SendAsync(ApiTest.Request(method, url, token, body));
        Assert.That((int)response.StatusCode, Is.InRange(200, 299), $"{method} {url}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static async Task PatchAsync(HttpClient client, string url, string token, string patch)
    {
        var request = ApiTest.Request(HttpMethod.Patch, url, token);
        request.Content = new StringContent(patch, System.Text.Encoding.UTF8, "application/merge-patch+json");
        using var response = await client.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"PATCH {url}: {await response.Content.ReadAsStringAsync()}");
    }

    private static Task<T> ReadAsync<T>(HttpResponseMessage response) => ApiTest.ReadAsync<T>(response);
}
