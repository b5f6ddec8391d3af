using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cms.Api.Articles;
using Cms.Api.Authors;
using Cms.Api.Categories;
using Cms.Api.Sessions;
using Cms.Api.Tests.Infrastructure;
using Npgsql;

namespace Cms.Api.Tests.Faults;

/// <summary>
/// PostgreSQL goes away under load and comes back: during the outage answers are quick 503s (never 500, never a
/// hang, never a 401 that would sign people out), the service recovers by itself, and every write it acknowledged
/// is in the database afterwards. Each run prints what it saw.
/// </summary>
[Category("Faults")]
public sealed class DatabaseOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RecoveryAllowed = TimeSpan.FromSeconds(5);

    /// <summary>Outages per run: one in the normal suite; `.ci/soak` asks for more (CMS_FAULT_ROUNDS).</summary>
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("CMS_FAULT_ROUNDS"), out var n) && n > 0 ? n : 1;

    private PostgresServer _server = null!;

    [OneTimeSetUp]
    public void StartServer() => _server = PostgresServer.Start();

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    private static readonly Dictionary<string, string?> NoLimits = new()
    {
        ["Cms:Views:FlushIntervalMilliseconds"] = "200",
    };

    private sealed record Outcome(string Operation, int Status, string? Code, TimeSpan Took, DateTime StartedAt);

    [TestCase("fast")]
    [TestCase("immediate")]
    public async Task ARestartUnderLoadAnswers503RecoversByItselfAndLosesNoAcknowledgedWrite(string mode)
    {
        var database = "outage_" + mode;
        _server.CreateDatabase(database);
        await using var app = CmsApp.StartOnKestrel(_server.ConnectionStringFor(database), NoLimits);
        using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
        var token = await SignInAsync(client);
        var article = await CreateArticleAsync(client, token);
        var articleId = article.Id;
        var slug = article.Slug;

        var outcomes = new ConcurrentBag<Outcome>();
        var ratings = new ConcurrentBag<Guid>();
        var categories = new ConcurrentBag<Guid>();
        var views = 0;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; !stop.IsCancellationRequested; i++)
            {
                var started = DateTime.UtcNow;
                var clock = Stopwatch.StartNew();
                var rater = Guid.NewGuid();
                var category = $"Chuyên mục {Guid.NewGuid():N}";
                var (operation, request) = (i % 4) switch
                {
                    0 => ("read", new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{slug}")),
                    1 => ("rating", new HttpRequestMessage(HttpMethod.Post, $"/api/v1/articles/{articleId}/ratings") { Content = JsonContent.Create(new { score = 1 + (i % 5), raterId = rater }) }),
                    2 => ("view", new HttpRequestMessage(HttpMethod.Post, $"/api/v1/articles/{articleId}/views")),
                    _ => ("category", new HttpRequestMessage(HttpMethod.Post, "/api/v1/categories") { Content = JsonContent.Create(new { name = category }) }),
                };
                request.Headers.Authorization = operation == "category" ? new AuthenticationHeaderValue("Bearer", token) : null;
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var code = response.IsSuccessStatusCode ? null : JsonNode.Parse(body)?["code"]?.GetValue<string>();
                outcomes.Add(new Outcome(operation, (int)response.StatusCode, code, clock.Elapsed, started));
                if (response.IsSuccessStatusCode)
                {
                    switch (operation)
                    {
                        case "rating": ratings.Add(rater); break;
                        case "view": Interlocked.Increment(ref views); break;
                        case "category": categories.Add((await ApiTest.ReadAsync<CategoryResponse>(response)).Id); break;
                    }
                }
                else
                {
                    await Task.Delay(10);
                }
            }
        })).ToList();

        var outages = new List<(DateTime Down, DateTime Back)>();
        for (var round = 0; round < Rounds; round++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var down = DateTime.UtcNow;
            await _server.StopAsync(mode);
            await Task.Delay(Outage);
            await _server.StartAsync();
            outages.Add((down, DateTime.UtcNow));
            await Task.Delay(RecoveryAllowed + TimeSpan.FromSeconds(1));
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var all = outcomes.ToList();
        var failures = all.Where(o => o.Status >= 300).ToList();
        // Recovery: from the database's return to the end of the last failed request that started after it.
        var recovery = outages.Select((o, i) => failures
            .Where(f => f.StartedAt >= o.Down && (i + 1 == outages.Count || f.StartedAt < outages[i + 1].Down))
            .Select(f => f.StartedAt + f.Took - o.Back)
            .Where(t => t > TimeSpan.Zero).DefaultIfEmpty(TimeSpan.Zero).Max()).Max();

        // Everything acknowledged is there, exactly once.
        var viewCount = await WaitForViewCountAsync(app, articleId, views);
        await using var connection = new NpgsqlConnection(_server.ConnectionStringFor(database));
        await connection.OpenAsync();
        var storedRatings = await CountAsync(connection, "SELECT count(*) FROM ratings WHERE article_id = $1 AND rater_id = ANY($2)", articleId, ratings.ToArray());
        var countedRatings = await CountAsync(connection, "SELECT rating_count FROM article_stats WHERE article_id = $1", articleId);
        var allRatings = await CountAsync(connection, "SELECT count(*) FROM ratings WHERE article_id = $1", articleId);
        var storedCategories = await CountAsync(connection, "SELECT count(*) FROM categories WHERE id = ANY($1)", categories.ToArray());
        using var ready = await client.GetAsync("/health/ready");

        var lost = ratings.Count - storedRatings + views - viewCount + categories.Count - storedCategories;
        SoakReport.Add($"pg_ctl stop -m {mode}, {Rounds} outage(s) of {Outage.TotalSeconds:0} s", all.Count, all.Count(o => o.Status >= 500 && o.Status != 503), lost, recovery);
        TestContext.Out.WriteLine($"pg_ctl stop -m {mode}, {Rounds} outage(s) of {Outage.TotalSeconds:0} s: {all.Count} requests, " +
            $"{all.Count(o => o.Status == 503)} answered 503, {all.Count(o => o.Status >= 500 && o.Status != 503)} other 5xx, " +
            $"slowest {all.Max(o => o.Took).TotalMilliseconds:0} ms, recovered {recovery.TotalMilliseconds:0} ms after the database was back; " +
            $"acknowledged: {ratings.Count} ratings, {views} views, {categories.Count} categories; lost: " +
            $"{ratings.Count - storedRatings} ratings, {views - viewCount} views, {categories.Count - storedCategories} categories");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outages.All(o => all.Any(r => r.StartedAt > o.Down && r.StartedAt < o.Back && r.Status == 503)), "every outage was seen");
            Assert.That(all.Select(o => o.Status).Distinct(), Is.SubsetOf(new[] { 200, 201, 202, 503 }), "only successes and 503s");
            Assert.That(failures.Select(o => o.Code).Distinct(), Is.SubsetOf(new[] { "database_unavailable" }));
            Assert.That(all.Max(o => o.Took), Is.LessThan(TimeSpan.FromSeconds(3)), "nothing hangs");
            Assert.That(recovery, Is.LessThan(RecoveryAllowed), "recovered without a restart");
            Assert.That(storedRatings, Is.EqualTo(ratings.Count), "acknowledged ratings stored");
            Assert.That(countedRatings, Is.EqualTo(allRatings), "the totals agree with the rows");
            Assert.That(viewCount, Is.EqualTo(views), "acknowledged views counted, once");
            Assert.That(storedCategories, Is.EqualTo(categories.Count), "acknowledged categories stored");
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task StartingWhileTheDatabaseIsDownIsNotReadyThenRecoversOnItsOwn()
    {
        _server.CreateDatabase("late");
        await _server.StopAsync("fast");
        try
        {
            await using var app = CmsApp.StartOnKestrel(_server.ConnectionStringFor("late"), NoLimits);
            using var client = new HttpClient { BaseAddress = app.Address };
            using (var ready = await client.GetAsync("/health/ready"))
            {
                Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            }

            var clock = Stopwatch.StartNew();
            using (var list = await client.GetAsync("/api/v1/articles"))
            {
                Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(list.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
                Assert.That(list.Headers.RetryAfter, Is.Not.Null);
            }

            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "a quick no, not a hang");

            await _server.StartAsync();
            var back = Stopwatch.StartNew();
            HttpStatusCode status;
            do
            {
                await Task.Delay(100);
                using var ready = await client.GetAsync("/health/ready");
                status = ready.StatusCode;
            }
            while (status != HttpStatusCode.OK && back.Elapsed < TimeSpan.FromSeconds(10));

            TestContext.Out.WriteLine($"ready {back.ElapsedMilliseconds} ms after PostgreSQL started");
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(back.Elapsed, Is.LessThan(RecoveryAllowed));
            // Migrated and bootstrapped in the background: the admin can sign in and the API answers.
            await SignInAsync(client);
            using var articles = await client.GetAsync("/api/v1/articles");
            Assert.That(articles.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            if (!File.Exists(Path.Combine(_server.DataDirectory, "postmaster.pid")))
            {
                await _server.StartAsync();
            }
        }
    }

    private static async Task<string> SignInAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/sessions", new { username = CmsApp.AdminUsername, password = CmsApp.AdminPassword });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await ApiTest.ReadAsync<SignInResponse>(response)).Token;
    }

    private static async Task<ArticleResponse> CreateArticleAsync(HttpClient client, string token)
    {
        using var author = new HttpRequestMessage(HttpMethod.Post, "/api/v1/authors") { Content = JsonContent.Create(new { name = "Hồng Phái", organization = "BTG" }) };
        author.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var authorResponse = await client.SendAsync(author);
        var authorId = (await ApiTest.ReadAsync<AuthorResponse>(authorResponse)).Id;
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/articles")
        {
            Content = JsonContent.Create(new { title = "Giao ban công tác Khoa giáo", status = "published", authorIds = new[] { authorId } }),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(create);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await ApiTest.ReadAsync<ArticleResponse>(response);
    }

    private static async Task<long> WaitForViewCountAsync(CmsApp app, Guid articleId, long expected)
    {
        using var client = new HttpClient { BaseAddress = app.Address };
        var deadline = DateTime.UtcNow.AddSeconds(10);
        long count;
        do
        {
            using (var response = await client.GetAsync($"/api/v1/articles/{articleId}"))
            {
                response.EnsureSuccessStatusCode();
                count = (await ApiTest.ReadAsync<ArticleResponse>(response)).ViewCount;
            }

            if (count == expected)
            {
                break;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        return count;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
