using System.Net;
using Cms.Api.Articles;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Revisions;
using Microsoft.Extensions.DependencyInjection;

namespace Cms.Api.Tests.Revisions;

public sealed class RetentionTests : RevisionTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(LongSessions)
    {
        ["Cms:Revisions:MaxPerArticle"] = "3",
        ["Cms:Revisions:KeepDeletedDays"] = "30",
        // The service's own timer would purge when the clock moves: these tests call the purge themselves.
        ["Cms:Revisions:PurgeIntervalMinutes"] = "57600",
    };

    private Task<(int DeletedArticles, int OldRevisions)?> PurgeAsync() => App.Services.GetRequiredService<RevisionPurger>().PurgeAsync(CancellationToken.None);

    [Test]
    public async Task TheOldestRevisionsPastTheLimitArePurgedNeverTheLiveOrPendingOnes()
    {
        var article = await PublishedAsync("gioi-han");
        var untouched = await PublishedAsync("it-sua");
        for (var i = 0; i < 4; i++)
        {
            await OkAsync<ArticleResponse>(await PatchAsync($"/api/v1/articles/{article.Id}", Editor, $$"""{ "summary": "Lần {{i}}" }"""));
        }

        var pending = await SavePendingAsync(await GetOkAsync<ArticleResponse>(Client, "/api/v1/articles/gioi-han"), new { title = "Chờ" });
        var purged = await PurgeAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(purged, Is.EqualTo((0, 3)));
            Assert.That((await RevisionsAsync(article.Id)).Select(r => r.Version), Is.EqualTo(new[] { 6, 5, 4 }));
            Assert.That(pending.Version, Is.EqualTo(6));
            Assert.That((await RevisionsAsync(untouched.Id)).Count, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task ADeletedArticleKeptPastItsDaysIsPurgedWithItsHistory()
    {
        var old = await PublishedAsync("xoa-lau");
        await AssertStatusAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{old.Id}", Editor), HttpStatusCode.NoContent);
        App.Clock.Advance(TimeSpan.FromDays(29));
        var recent = await PublishedAsync("xoa-gan");
        await AssertStatusAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{recent.Id}", Editor), HttpStatusCode.NoContent);

        Assert.That(await PurgeAsync(), Is.EqualTo((0, 0)), "29 days: still kept");
        App.Clock.Advance(TimeSpan.FromDays(2));
        var purged = await PurgeAsync();

        var kept = await OkAsync<PagedList<DeletedArticleSummary>>(await SendAsync(HttpMethod.Get, "/api/v1/articles/deleted", Editor));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(purged, Is.EqualTo((1, 0)));
            Assert.That(kept.Items.Select(d => d.Id), Is.EqualTo(new[] { recent.Id }));
            Assert.That(await ScalarAsync<long>("SELECT count(*) FROM article_revisions WHERE article_id = $1", old.Id), Is.Zero);
        }

        await AssertProblemAsync(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{old.Id}/undelete", Editor), 404, "not_found");
    }

    [Test]
    public async Task OneInstancePurgesWhileAnotherHoldsTheLock()
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var claim = new Npgsql.NpgsqlCommand("SELECT pg_advisory_xact_lock(7164509517382052211)", connection, transaction))
        {
            await claim.ExecuteScalarAsync();
        }

        Assert.That(await PurgeAsync(), Is.Null, "another instance is purging: this one skips its turn");
        await transaction.RollbackAsync();
        Assert.That(await PurgeAsync(), Is.Not.Null);
    }
}
