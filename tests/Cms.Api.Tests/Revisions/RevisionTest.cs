using System.Net;
using System.Text.Json.Nodes;
using Cms.Api.Articles;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Revisions;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Revisions;

/// <summary>Helpers for history, pending changes and preview tests: everything through HTTP.</summary>
public abstract class RevisionTest : WriterTest
{
    /// <summary>Tests here move the clock by days (link expiry, retention): sessions must outlive that.</summary>
    protected static readonly Dictionary<string, string?> LongSessions = new()
    {
        ["Cms:Sessions:IdleTimeoutSeconds"] = "8640000",
        ["Cms:Sessions:AbsoluteTimeoutSeconds"] = "8640000",
    };

    protected override IReadOnlyDictionary<string, string?> Settings => LongSessions;

    /// <summary>A published article (visible an hour ago) with <paramref name="changes"/>.</summary>
    protected async Task<ArticleResponse> PublishedAsync(string slug, object? changes = null, string? token = null) =>
        await CreateArticleResponseAsync(token ?? Editor, With(ArticleBody(Author, new { slug, title = "Tin " + slug, publishAt = Now.AddHours(-1) }), changes));

    /// <summary>The whole PUT body of <paramref name="article"/> with <paramref name="changes"/>.</summary>
    protected JsonObject BodyOf(ArticleResponse article, object? changes = null) =>
        With(ArticleBody(Author, new { slug = article.Slug, title = article.Title, publishAt = article.PublishAt }), changes);

    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token, object? body, string? ifMatch)
    {
        var request = Request(method, url, token, body);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Client.SendAsync(request);
    }

    protected async Task<HttpResponseMessage> PatchAsync(string url, string token, string patch, string? ifMatch = null)
    {
        var request = Request(HttpMethod.Patch, url, token);
        request.Content = new StringContent(patch, System.Text.Encoding.UTF8, "application/merge-patch+json");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Sends and asserts the status; returns the answer read as <typeparamref name="T"/>.</summary>
    protected static async Task<T> OkAsync<T>(HttpResponseMessage response, int status = 200)
    {
        using (response)
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
            return await ReadAsync<T>(response);
        }
    }

    protected async Task<List<RevisionSummary>> RevisionsAsync(Guid id, string? query = null) =>
        [.. (await OkAsync<PagedList<RevisionSummary>>(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{id}/revisions{query}", Editor))).Items];

    protected async Task<ArticleResponse> SavePendingAsync(ArticleResponse article, object changes, string? token = null, string? ifMatch = null) =>
        await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Put, $"/api/v1/articles/{article.Id}/pending", token ?? Editor, BodyOf(article, changes), ifMatch));

    protected async Task<ArticleResponse> PublishPendingAsync(Guid id, int pendingVersion) =>
        await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{id}/pending/publish", Editor, null, $"\"{pendingVersion}\""));

    protected static async Task AssertStatusAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
        }
    }
}
