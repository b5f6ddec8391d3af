using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Cms.Api.Articles;
using Cms.Api.Authors;
using Cms.Api.Ratings;
using Cms.Api.Sessions;
using Cms.Api.Tests.Infrastructure;
using Npgsql;

namespace Cms.Api.Tests.Cluster;

/// <summary>
/// The drills of the scale-out issue, on the real topology of deploy/cluster (one per fixture, via its scripts): a write
/// seen through every instance and the replica in time; an instance killed under load (nginx routes around it); the
/// primary killed under load (Patroni promotes the standby, the service answers 2xx or 503 and recovers by itself,
/// nothing acknowledged is lost in synchronous mode). Reduced from the full topology: no S3 store (no media here).
/// Patroni's timeouts are 20/2/8 (ttl/loop_wait/retry_timeout): 10/2/4 failed over faster but demoted a healthy primary
/// when other test suites loaded the two cores (etcd and Patroni starved past the lease); each drill also starts only once
/// the pair has held one leader with a streaming synchronous standby for a few seconds. Neither loosens what a drill
/// checks: any answer but 2xx or 503 with Retry-After, or an acknowledged write missing, still fails it. Each run prints
/// what it saw.
/// </summary>
[Category("Cluster")]
[NonParallelizable]
public sealed class ClusterDrillTests
{
    /// <summary>
    /// How soon a change made through one instance shows through another: the contract's figure for counters (a view
    /// shows "within two seconds"); content changes are sent by NOTIFY and usually land in milliseconds.
    /// </summary>
    private static readonly TimeSpan ContractTime = TimeSpan.FromSeconds(2);

    private ClusterTopology _cluster = null!;

    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        _cluster = await ClusterTopology.StartAsync(Settings);
        // Each instance's first answers are compiled on the spot (a second or more): not what the drills measure.
        foreach (var instance in _cluster.Instances)
        {
            using var client = new HttpClient { BaseAddress = instance };
            var token = await SignInAsync(client, _cluster.AdminPassword);
            var authorId = await CreateAuthorAsync(client, token);
            var article = await SendAsync<ArticleResponse>(client, HttpMethod.Post, "/api/v1/articles", token,
                new { title = $"Khởi động {Guid.NewGuid():N}", status = "published", authorIds = new[] { authorId } });
            await SendAsync<RatingResult>(client, HttpMethod.Post, $"/api/v1/articles/{article.Id}/ratings", null, new { score = 5, raterId = Guid.NewGuid() });
            await GetAsync<ArticleResponse>(client, $"/api/v1/articles/{article.Slug}");
            using var list = await client.GetAsync("/api/v1/articles");
        }
    }

    private static Dictionary<string, string> Settings => new()
    {
        ["CMS_CLUSTER_INSTANCES"] = "3",
        // CI runs synchronous mode, where nothing acknowledged may be lost; CMS_CLUSTER_SYNC=false measures what
        // asynchronous replication loses (reported, not asserted).
        ["CMS_CLUSTER_SYNC"] = Environment.GetEnvironmentVariable("CMS_CLUSTER_SYNC") == "false" ? "false" : "true",
        ["CMS_CLUSTER_TTL"] = "20",
        ["CMS_CLUSTER_LOOP_WAIT"] = "2",
        ["CMS_CLUSTER_RETRY_TIMEOUT"] = "8",
        ["CMS_CLUSTER_S3"] = "0",
        // The drills' load comes from one address; the limits are not what they test.
        ["Cms__RateLimits__RatingsPerMinute"] = "0",
        ["Cms__RateLimits__ViewsPerMinute"] = "0",
        ["Cms__RateLimits__SignInsPerMinute"] = "0",
    };

    [OneTimeTearDown]
    public async Task StopClusterAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Test]
    [Order(1)]
    public async Task AWriteThroughOneInstanceShowsThroughTheOthersAndTheReplicaWithinTheContractsTime()
    {
        await StableAsync();
        var instances = _cluster.Instances.Select(i => new HttpClient { BaseAddress = i, Timeout = TimeSpan.FromSeconds(10) }).ToList();
        var token = await SignInAsync(instances[0], _cluster.AdminPassword);
        var authorId = await CreateAuthorAsync(instances[0], token);
        // Every instance has the list in its cache before the write: the write must make them drop it.
        foreach (var instance in instances)
        {
            using var warm = await instance.GetAsync("/api/v1/articles?pageSize=100");
            Assert.That(warm.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var created = await SendAsync<ArticleResponse>(instances[0], HttpMethod.Post, "/api/v1/articles", token,
            new { title = "Hội nghị giao ban cụm thi đua", status = "published", authorIds = new[] { authorId } });
        var written = Stopwatch.StartNew();
        var seen = new List<string>();
        foreach (var (instance, n) in instances.Select((c, i) => (c, i + 1)).Skip(1))
        {
            var took = await VisibleWithinAsync(async () =>
            {
                using var list = await instance.GetAsync("/api/v1/articles?pageSize=100");
                return (await list.Content.ReadAsStringAsync()).Contains(created.Id.ToString(), StringComparison.Ordinal);
            });
            seen.Add($"instance {n}: {took.TotalMilliseconds:0} ms");
        }

        await using var replica = new NpgsqlConnection(_cluster.ReplicaConnectionString);
        await replica.OpenAsync();
        Assert.That(await ScalarAsync<bool>(replica, "SELECT pg_is_in_recovery()"), Is.True, "the replica port reaches the standby");
        var onReplica = await VisibleWithinAsync(async () =>
            await ScalarAsync<long>(replica, "SELECT count(*) FROM articles WHERE id = $1", created.Id) == 1);
        seen.Add($"replica: {onReplica.TotalMilliseconds:0} ms");

        // A token made on one node works on every node; an edit through instance 2 shows through 3, cached there first.
        using (var cached = await instances[2].GetAsync($"/api/v1/articles/{created.Id}"))
        {
            Assert.That(cached.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        const string newTitle = "Hội nghị giao ban cụm thi đua (cập nhật)";
        await SendAsync<ArticleResponse>(instances[1], HttpMethod.Patch, $"/api/v1/articles/{created.Id}", token, new { title = newTitle });
        var edited = await VisibleWithinAsync(async () =>
            (await GetAsync<ArticleResponse>(instances[2], $"/api/v1/articles/{created.Id}")).Title == newTitle);
        seen.Add($"edit on instance 3: {edited.TotalMilliseconds:0} ms");

        // A rating through instance 1 counts on instance 3.
        await SendAsync<RatingResult>(instances[0], HttpMethod.Post, $"/api/v1/articles/{created.Id}/ratings", null, new { score = 4, raterId = Guid.NewGuid() });
        var rated = await VisibleWithinAsync(async () =>
            (await GetAsync<ArticleRatings>(instances[2], $"/api/v1/articles/{created.Id}/ratings")).Count == 1);
        seen.Add($"rating on instance 3: {rated.TotalMilliseconds:0} ms");

        // Once seen, never unseen: nothing serves the old answer afterwards.
        var stale = 0;
        for (var round = 0; round < 20; round++)
        {
            foreach (var instance in instances)
            {
                var article = await GetAsync<ArticleResponse>(instance, $"/api/v1/articles/{created.Id}");
                stale += article.Title == newTitle ? 0 : 1;
            }
        }

        TestContext.Out.WriteLine($"written through instance 1, seen after: {string.Join(", ", seen)}");
        Assert.That(stale, Is.Zero, "stale answers after the change was seen");
    }

    [Test]
    [Order(2)]
    public async Task KillingAnInstanceUnderLoadFailsOnlyWhatWasInFlightOnIt()
    {
        var before = await StableAsync();
        var load = await Load.StartAsync(_cluster, withWrites: true);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var victim = _cluster.Instances[1];
        await _cluster.KillAsync("cms2");
        var killedAt = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(4));
        var outcomes = await load.StopAsync();
        // Not this drill's doing, but it can happen on a starved machine: the primary changed under the load. Its writes
        // then answer 503 with Retry-After, which the service owes a client in a failover; anything else still fails.
        var failedOver = await _cluster.PatroniAsync() is not { } after || after.Timeline != before.Timeline;

        var victimAddress = $"127.0.0.1:{victim.Port}";
        var failures = outcomes.Where(o => o.Status is < 200 or >= 300).ToList();
        // In flight on it: sent to the instance that died (nginx names it) before it died, and failed for that.
        var inFlight = failures.Where(o => o.Upstream?.EndsWith(victimAddress, StringComparison.Ordinal) == true && o.StartedAt <= killedAt).ToList();
        var afterKill = outcomes.Where(o => o.StartedAt > killedAt).ToList();
        TestContext.Out.WriteLine($"kill -9 of instance 2 under load: {outcomes.Count} requests, {afterKill.Count} after the kill " +
            $"({afterKill.Count(o => o.Upstream?.Contains(victimAddress, StringComparison.Ordinal) == true)} tried it first); failed: {failures.Count} " +
            $"({inFlight.Count} in flight on it: {string.Join(", ", inFlight.Select(o => $"{o.Operation} {o.Status}"))}); failover meanwhile: {failedOver}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failures.Except(inFlight).Where(o => !(failedOver && o is { Status: 503, RetryAfter: true }))
                .Select(o => $"{o.Operation} {o.Status} {o.Upstream} {o.Error}"), Is.Empty, "failures other than those in flight on it");
            Assert.That(afterKill.Count(o => o.Status is >= 200 and < 300), Is.GreaterThan(20), "the others kept answering");
        }

        // up.sh again brings it back, and nginx sends it work again.
        await _cluster.UpAsync();
        using var client = new HttpClient { BaseAddress = victim };
        using var ready = await client.GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    [Order(3)]
    public async Task KillingThePrimaryUnderLoadAnswers2xxOr503RecoversByItselfAndLosesNoAcknowledgedWrite()
    {
        await StableAsync();
        var load = await Load.StartAsync(_cluster, withWrites: true);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var node = await _cluster.KillAsync("primary");
        // From kill.sh's return: a request sent before that may still have reached the old primary.
        var killedAt = DateTime.UtcNow;
        // Until writes go through again (Patroni's ttl, then HAProxy's checks), then a few seconds more.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        DateTime? firstWrite = null;
        while (DateTime.UtcNow < deadline && (firstWrite ??= load.FirstSuccessfulWriteAfter(killedAt)) is null)
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var outcomes = await load.StopAsync();

        var statuses = outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        var acknowledgedRatings = outcomes.Where(o => o is { Operation: "rating", Status: 200 or 201 }).Select(o => o.Written!.Value).ToArray();
        var acknowledgedArticles = outcomes.Where(o => o is { Operation: "save", Status: 201 }).Select(o => o.Written!.Value).ToArray();
        await using var primary = await OpenPrimaryAsync();
        var storedRatings = await ScalarAsync<long>(primary, "SELECT count(*) FROM ratings WHERE rater_id = ANY($1)", acknowledgedRatings);
        var storedArticles = await ScalarAsync<long>(primary, "SELECT count(*) FROM articles WHERE id = ANY($1)", acknowledgedArticles);
        var recovery = firstWrite - killedAt;
        foreach (var o in outcomes.Where(o => o.StartedAt > killedAt.AddSeconds(-1)).OrderBy(o => o.StartedAt).Take(400))
        {
            TestContext.Progress.WriteLine($"  +{(o.StartedAt - killedAt).TotalSeconds:0.00} s {o.Operation} {o.Status} in {o.Took.TotalMilliseconds:0} ms via {o.Upstream}");
        }

        TestContext.Out.WriteLine($"kill -9 of the primary ({node}, Patroni and PostgreSQL) under load, synchronous_mode {_cluster.Synchronous}: {outcomes.Count} requests ({string.Join(", ", statuses)}); " +
            $"first successful write {recovery?.TotalSeconds:0.0} s after the kill; acknowledged {acknowledgedRatings.Length} ratings, " +
            $"{acknowledgedArticles.Length} article saves; lost {acknowledgedRatings.Length - storedRatings} ratings, {acknowledgedArticles.Length - storedArticles} articles");
        var unexpected = outcomes.Where(o => o.Status is not (200 or 201 or 202 or 503) || (o.Status == 503 && !o.RetryAfter)).ToList();
        foreach (var o in unexpected.Take(10))
        {
            TestContext.Out.WriteLine($"  {o.Operation} {o.Status} at +{(o.StartedAt - killedAt).TotalSeconds:0.0} s: {o.Error}");
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(firstWrite, Is.Not.Null, "writes came back by themselves");
            Assert.That(unexpected.Select(o => $"{o.Operation} {o.Status}").Distinct(), Is.Empty, "only 2xx, or 503 with Retry-After");
            if (_cluster.Synchronous)
            {
                Assert.That(storedRatings, Is.EqualTo(acknowledgedRatings.Length), "acknowledged ratings stored");
                Assert.That(storedArticles, Is.EqualTo(acknowledgedArticles.Length), "acknowledged article saves stored");
            }
        }

        // up.sh again: the old primary rejoins as the standby (rewound), so the cluster is whole again.
        await _cluster.UpAsync();
    }

    /// <summary>The pair settled (the same leader and a streaming synchronous standby for 5 s), as each drill's start.</summary>
    private async Task<PatroniView> StableAsync()
    {
        var stable = await _cluster.StableAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(120));
        TestContext.Progress.WriteLine($"cluster settled: {stable.Leader} leads on timeline {stable.Timeline}");
        return stable;
    }

    /// <summary>A connection through HAProxy's primary port, once it has a primary behind it again.</summary>
    private async Task<NpgsqlConnection> OpenPrimaryAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var connection = new NpgsqlConnection(_cluster.PrimaryConnectionString + ";Pooling=false");
            try
            {
                await connection.OpenAsync();
                if (!await ScalarAsync<bool>(connection, "SELECT pg_is_in_recovery()"))
                {
                    return connection;
                }
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
            }

            await connection.DisposeAsync();
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "no primary behind HAProxy");
            await Task.Delay(200);
        }
    }

    /// <summary>When the first read that saw the change was sent, counted from the write's answer.</summary>
    private static async Task<TimeSpan> VisibleWithinAsync(Func<Task<bool>> visible)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var sent = clock.Elapsed;
            if (await visible())
            {
                return sent;
            }

            Assert.That(clock.Elapsed, Is.LessThan(ContractTime), "not visible within the contract's time");
            await Task.Delay(10);
        }
    }

    private static async Task<string> SignInAsync(HttpClient client, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/sessions", new { username = "admin", password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await ApiTest.ReadAsync<SignInResponse>(response)).Token;
    }

    private static async Task<Guid> CreateAuthorAsync(HttpClient client, string token) =>
        (await SendAsync<AuthorResponse>(client, HttpMethod.Post, "/api/v1/authors", token, new { name = $"Phóng viên {Guid.NewGuid():N}"[..24] })).Id;

    private static async Task<T> SendAsync<T>(HttpClient client, HttpMethod method, string path, string? token, object body)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = method == HttpMethod.Patch
                ? JsonContent.Create(body, new MediaTypeHeaderValue("application/merge-patch+json"))
                : JsonContent.Create(body),
        };
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ApiTest.ReadAsync<T>(response);
    }

    private static async Task<T> GetAsync<T>(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        return await ApiTest.ReadAsync<T>(response);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    internal sealed record Outcome(string Operation, int Status, DateTime StartedAt, TimeSpan Took, string? Upstream, bool RetryAfter, Guid? Written, string? Error);

    /// <summary>
    /// Readers and writers through nginx, as a site sees them: article reads and lists, ratings (each by a new rater), and
    /// article saves (each a new article, so every acknowledged one can be looked up afterwards). Each request recorded.
    /// </summary>
    private sealed class Load
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<Outcome> _outcomes = new();
        private readonly CancellationTokenSource _stop = new();
        private List<Task> _workers = [];

        public static async Task<Load> StartAsync(ClusterTopology cluster, bool withWrites)
        {
            var setup = new HttpClient { BaseAddress = cluster.Url };
            var token = await SignInAsync(setup, cluster.AdminPassword);
            var authorId = await CreateAuthorAsync(setup, token);
            var article = await SendAsync<ArticleResponse>(setup, HttpMethod.Post, "/api/v1/articles", token,
                new { title = $"Tin nhanh {Guid.NewGuid():N}", status = "published", authorIds = new[] { authorId } });
            var load = new Load();
            load._workers = Enumerable.Range(0, 6).Select(worker => Task.Run(() => load.RunAsync(cluster.Url, worker, token, authorId, article, withWrites))).ToList();
            return load;
        }

        public DateTime? FirstSuccessfulWriteAfter(DateTime moment) => _outcomes
            .Where(o => o.Operation is "rating" or "save" && o.Status is 200 or 201 && o.StartedAt > moment)
            .Select(o => o.StartedAt + o.Took).DefaultIfEmpty().Min() is var first && first != default ? first : null;

        public async Task<List<Outcome>> StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_workers);
            return _outcomes.ToList();
        }

        private async Task RunAsync(Uri url, int worker, string token, Guid authorId, ArticleResponse article, bool withWrites)
        {
            using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
            for (var i = worker; !_stop.IsCancellationRequested; i++)
            {
                var written = Guid.NewGuid();
                var (operation, request) = (withWrites ? i % 4 : i % 2) switch
                {
                    0 => ("read", new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{article.Slug}")),
                    1 => ("list", new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles")),
                    2 => ("rating", new HttpRequestMessage(HttpMethod.Post, $"/api/v1/articles/{article.Id}/ratings")
                    {
                        Content = JsonContent.Create(new { score = 1 + (i % 5), raterId = written }),
                    }),
                    _ => ("save", new HttpRequestMessage(HttpMethod.Post, "/api/v1/articles")
                    {
                        Content = JsonContent.Create(new { title = $"Bản tin {written:N}", status = "published", authorIds = new[] { authorId } }),
                    }),
                };
                request.Headers.Authorization = operation == "save" ? new AuthenticationHeaderValue("Bearer", token) : null;
                var started = DateTime.UtcNow;
                var clock = Stopwatch.StartNew();
                try
                {
                    using var response = await client.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    if (operation == "save" && response.StatusCode == HttpStatusCode.Created)
                    {
                        written = (await ApiTest.ReadAsync<ArticleResponse>(response)).Id;
                    }

                    _outcomes.Enqueue(new Outcome(operation, (int)response.StatusCode, started, clock.Elapsed,
                        response.Headers.TryGetValues("X-Cms-Upstream", out var upstream) ? string.Join(",", upstream) : null,
                        response.Headers.RetryAfter is not null, written, response.IsSuccessStatusCode ? null : body[..Math.Min(body.Length, 300)]));
                    if (!response.IsSuccessStatusCode)
                    {
                        await Task.Delay(50);
                    }
                }
                catch (HttpRequestException e)
                {
                    _outcomes.Enqueue(new Outcome(operation, 0, started, clock.Elapsed, null, false, null, e.Message));
                }
            }
        }
    }
}
