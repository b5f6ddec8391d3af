using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cms.Api.Data;
using Cms.Api.Infrastructure.LocalPostgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cms.Benchmarks;

/// <summary>
/// <c>--revisions</c>: does a long history cost anything? Articles with 1,000 revisions against articles with 10, in one
/// run: the first page of the history, and a restore (an ordinary save with its revision), each as a median latency
/// and the ratio long / short. Its own small database; the histories are written by SQL (copies of the first revision),
/// the articles and every measured call go through HTTP.
/// </summary>
internal static class RevisionScenario
{
    private const int Articles = 30;

    public static async Task RunAsync(LocalPostgresCluster cluster, string root, TextWriter log)
    {
        const string database = "bench_revisions";
        cluster.CreateDatabase(database);
        var connectionString = cluster.ConnectionStringFor(database);
        await using (var db = new CmsDbContext(new DbContextOptionsBuilder<CmsDbContext>().Also(o => DatabaseSetup.Configure(o, connectionString)).Options))
        {
            await db.Database.MigrateAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var reset = dataSource.CreateCommand(
            "TRUNCATE article_revisions, deleted_articles, preview_links, article_tombstones, article_stats, article_slugs, article_authors, article_categories, articles, authors CASCADE"))
        {
            await reset.ExecuteNonQueryAsync();
        }

        using var service = await ServiceProcess.StartAsync(root, connectionString, FreePort(), new Dictionary<string, string>
        {
            ["Cms:Bootstrap:AdminUsername"] = MediaScenarios.AdminUsername,
            ["Cms:Bootstrap:AdminPassword"] = MediaScenarios.AdminPassword,
            ["Cms:RateLimits:SignInsPerMinute"] = "0",
        });
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        var signIn = await (await http.PostAsJsonAsync("/api/v1/sessions", new { username = MediaScenarios.AdminUsername, password = MediaScenarios.AdminPassword }))
            .Content.ReadFromJsonAsync<JsonObject>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signIn!["token"]!.GetValue<string>());
        var author = (await (await http.PostAsJsonAsync("/api/v1/authors", new { name = "Hồng Phái" })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var shortIds = new List<Guid>();
        var longIds = new List<Guid>();
        for (var i = 0; i < Articles * 2; i++)
        {
            var created = await http.PostAsJsonAsync("/api/v1/articles", new
            {
                title = $"Giao ban công tác Khoa giáo {i}", authorIds = new[] { author }, status = "published", body = string.Concat(Enumerable.Repeat("<p>Nội dung bài viết.</p>", 100)),
            });
            var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
            (i % 2 == 0 ? shortIds : longIds).Add(id);
        }

        // Histories of 10 and 1,000: copies of revision 1 (content about 3 KB each), the article at the newest version.
        await GrowAsync(dataSource, shortIds, 10);
        await GrowAsync(dataSource, longIds, 1000);
        await using (var analyze = dataSource.CreateCommand("VACUUM ANALYZE article_revisions"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        log.WriteLine($"Revisions: {Articles} articles with 10 revisions, {Articles} with 1,000 ({await CountAsync(dataSource):N0} revision rows)");
        // Warm-up: the service's first calls compile and plan.
        foreach (var id in shortIds.Take(5).Concat(longIds.Take(5)))
        {
            await TimeAsync(() => http.GetAsync($"/api/v1/articles/{id}/revisions"));
        }

        var list = (Short: new List<double>(), Long: new List<double>());
        for (var round = 0; round < 10; round++)
        {
            for (var i = 0; i < Articles; i++)
            {
                list.Short.Add(await TimeAsync(() => http.GetAsync($"/api/v1/articles/{shortIds[i]}/revisions")));
                list.Long.Add(await TimeAsync(() => http.GetAsync($"/api/v1/articles/{longIds[i]}/revisions")));
            }
        }

        var restore = (Short: new List<double>(), Long: new List<double>());
        for (var i = 0; i < Articles; i++)
        {
            restore.Short.Add(await TimeAsync(() => http.PostAsync($"/api/v1/articles/{shortIds[i]}/revisions/5/restore", null)));
            restore.Long.Add(await TimeAsync(() => http.PostAsync($"/api/v1/articles/{longIds[i]}/revisions/5/restore", null)));
        }

        Report(log, "revisions list (first page of 20, total)", list, Articles * 10);
        Report(log, "restore (revision 5, a save)", restore, Articles);
    }

    private static async Task GrowAsync(NpgsqlDataSource dataSource, List<Guid> ids, int revisions)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "INSERT INTO article_revisions (article_id, version, saved_at, saved_by_id, changed, content, live, pending) " +
            "SELECT r.article_id, v, r.saved_at + make_interval(mins => v), r.saved_by_id, ARRAY['summary'], r.content, true, false " +
            "FROM article_revisions r, generate_series(2, $2) AS v WHERE r.article_id = ANY($1) AND r.version = 1")
        {
            Parameters = { new() { Value = ids.ToArray() }, new() { Value = revisions } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE articles SET version = $2 WHERE id = ANY($1)")
        {
            Parameters = { new() { Value = ids.ToArray() }, new() { Value = revisions } },
        });
        await batch.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource)
    {
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM article_revisions");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> call)
    {
        var watch = Stopwatch.StartNew();
        using var response = await call();
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");
        }

        return elapsed;
    }

    private static void Report(TextWriter log, string what, (List<double> Short, List<double> Long) samples, int count)
    {
        var (shortMedian, longMedian) = (Median(samples.Short), Median(samples.Long));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what}: 10 revisions {shortMedian:F2} ms, 1,000 revisions {longMedian:F2} ms (medians of {count} each); ratio 1,000 / 10 = {longMedian / shortMedian:F2}"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
