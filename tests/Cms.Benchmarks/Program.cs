using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cms.Api.Data;
using Cms.Api.Infrastructure.LocalPostgres;
using Cms.Benchmarks;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// dotnet run -c Release --project tests/Cms.Benchmarks -- [--articles 100000] [--seconds 10] [--connections 32] [--only article,list]
// dotnet run -c Release --project tests/Cms.Benchmarks -- webhooks [--seconds 10] [--connections 8] [--articles 2000 (events)] (WebhookBenchmark)
// dotnet run -c Release --project tests/Cms.Benchmarks -- --revisions    (long histories against short ones, alone)
// dotnet run -c Release --project tests/Cms.Benchmarks -- cluster [--articles 5000] [--seconds 10] (deploy/cluster: ClusterBenchmark)
var options = BenchOptions.Parse(args);
var log = Console.Out;
var root = FindRepositoryRoot();
// CMS_BENCH_DATA: another folder, so that two runs side by side do not share (and stop) one server.
var dataDirectory = Environment.GetEnvironmentVariable("CMS_BENCH_DATA") is { Length: > 0 } chosen ? chosen
    : Environment.IsPrivilegedProcess
    ? "/var/tmp/cms-bench/postgres"
    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "cms-bench", "postgres");
if (args is ["webhooks", ..])
{
    await WebhookBenchmark.RunAsync(root, dataDirectory, options, log);
    return;
}

if (args is ["cluster", ..])
{
    await ClusterBenchmark.RunAsync(root, options, args.Contains("--articles") ? options.Articles : 5_000, log);
    return;
}

var database = options.Database;
log.WriteLine($"PostgreSQL in {dataDirectory}, database {database}");
await using var cluster = LocalPostgresCluster.Start(new LocalPostgresSettings { DataDirectory = dataDirectory, Database = database });
if (args.Contains("--revisions"))
{
    // A scenario of its own, on its own small database: long histories against short ones (RevisionScenario.cs).
    await RevisionScenario.RunAsync(cluster, root, log);
    return;
}

var connectionString = cluster.ConnectionStringFor(database);
var now = DateTimeOffset.UtcNow;

await using (var db = new CmsDbContext(new DbContextOptionsBuilder<CmsDbContext>().Also(o => DatabaseSetup.Configure(o, connectionString)).Options))
{
    await db.MigrateUnhurriedAsync();
}

// No statement timeout: at a million articles the load's COPY alone outlasts the default 30 s.
await using var dataSource = NpgsqlDataSource.Create(connectionString + ";Command Timeout=0");
if (await ScalarAsync<long>("SELECT count(*) FROM articles") != options.Articles)
{
    log.WriteLine($"Generating {options.Articles} articles (once; kept for later runs)...");
    await ExecuteAsync("TRUNCATE article_tombstones, menu_tombstones, article_category_exits, ratings, article_stats, article_slugs, article_authors, article_categories, articles, authors, categories CASCADE");
    var generating = Stopwatch.StartNew();
    await DataGenerator.LoadAsync(dataSource, options.Articles, now, log);
    log.WriteLine($"  done in {generating.Elapsed.TotalSeconds:F0} s");
}

// A library kept for weeks has its scheduled articles going live (and others expiring) every so often: each such moment
// makes every kept list and search stale, and a run crossing one measures that, not the read path. The ones due within
// a day move a day on (still scheduled, still expiring), so no moment falls inside a run.
var moved = await ScalarAsync<long>("""
    WITH moved AS (
        UPDATE articles SET
            publish_at = CASE WHEN publish_at > now() AND publish_at < now() + interval '1 day' THEN publish_at + interval '1 day' ELSE publish_at END,
            expires_at = CASE WHEN expires_at > now() AND expires_at < now() + interval '1 day' THEN expires_at + interval '1 day' ELSE expires_at END
        WHERE status = 'published' AND ((publish_at > now() AND publish_at < now() + interval '1 day')
            OR (expires_at > now() AND expires_at < now() + interval '1 day'))
        RETURNING 1)
    SELECT count(*) FROM moved
    """);
if (moved > 0)
{
    log.WriteLine($"Moved the publish or expiry moments of {moved} articles due within a day a day on, out of the run's way");
}

// The media library's store and rendition cache, beside PostgreSQL's folder (a pair per database), so originals are kept
// between runs like the articles; the cache is emptied every run, before the service reads it, so "first" is the first.
string[] mediaScenarioNames = ["rendition-kept", "rendition-first", "upload"];
var runsMedia = options.Only.Count == 0 || mediaScenarioNames.Any(options.Only.Contains);
var mediaRoot = Path.Combine(Path.GetDirectoryName(dataDirectory)!, "media", database);
var mediaStore = Path.Combine(mediaRoot, "store");
var renditionCache = Path.Combine(mediaRoot, "renditions");
if (Directory.Exists(renditionCache))
{
    Directory.Delete(renditionCache, recursive: true);
}

if (runsMedia)
{
    await MediaGenerator.EnsureAsync(dataSource, mediaStore, now, log);
}

// Earlier runs' rating scenarios added rows (random raters, so new rows every time): without this, the 100 articles
// rated would hold more ratings run after run (14k each after a day of runs) and ratings figures would drift. The
// library's own ratings were all made at generation time; everything later came from a run. Totals follow the rows.
await ExecuteAsync("DELETE FROM ratings WHERE created_at > (SELECT min(created_at) FROM ratings)");
await ExecuteAsync(
    "UPDATE article_stats s SET rating_total = t.total, rating_count = t.count, rating1 = t.r1, rating2 = t.r2, rating3 = t.r3, rating4 = t.r4, rating5 = t.r5 " +
    "FROM (SELECT a.article_id, coalesce(sum(r.score), 0) AS total, count(r.score) AS count, count(*) FILTER (WHERE r.score = 1) AS r1, " +
    "count(*) FILTER (WHERE r.score = 2) AS r2, count(*) FILTER (WHERE r.score = 3) AS r3, count(*) FILTER (WHERE r.score = 4) AS r4, " +
    "count(*) FILTER (WHERE r.score = 5) AS r5 FROM article_stats a LEFT JOIN ratings r ON r.article_id = a.article_id GROUP BY a.article_id) t " +
    "WHERE s.article_id = t.article_id AND (s.rating_total, s.rating_count) <> (t.total, t.count)");

// Earlier runs changed rows (views, ratings, sync rounds): vacuum, as autovacuum would on a running site, so every run
// starts from the same kind of table.
await ExecuteAsync("VACUUM ANALYZE");

cluster.CreateDatabase("pgbench");
log.WriteLine($"Ceiling: pgbench -S -M prepared -c {options.Connections} -j 2 -T {options.Seconds}...");
var ceiling = PgBench.SelectOnly(PostgresBinaries.Find(new LocalPostgresSettings { DataDirectory = dataDirectory }), cluster.ConnectionStringFor("pgbench"),
    options.Connections, options.Seconds);
log.WriteLine($"  {ceiling:F0} selects/s");

var port = FreePort();
using var memoryLimit = options.MemoryLimitMegabytes is { } limitMiB ? MemoryLimit.Create(limitMiB) : null;
using var service = await ServiceProcess.StartAsync(root, connectionString, port, new Dictionary<string, string>
{
    ["Cms:RateLimits:RatingsPerMinute"] = "0",
    ["Cms:RateLimits:ViewsPerMinute"] = "0",
    ["Cms:RateLimits:SignInsPerMinute"] = "0",
    // The sign-in flood must reach the hashing, not stop at the failed-attempt lockout.
    ["Cms:SignInThrottle:MaxFailuresPerAddress"] = "1000000000",
    ["Cms:SignInThrottle:MaxFailuresPerUsername"] = "1000000000",
    ["Cms:Media:LocalPath"] = mediaStore,
    ["Cms:Media:RenditionCachePath"] = renditionCache,
    // Uploads need a session: the service makes this admin on a database with no users yet.
    ["Cms:Bootstrap:AdminUsername"] = MediaScenarios.AdminUsername,
    ["Cms:Bootstrap:AdminPassword"] = MediaScenarios.AdminPassword,
}.Concat(options.Environment).ToDictionary(), memoryLimit);
log.WriteLine($"Service ready {service.StartToReady.TotalMilliseconds:F0} ms after start (Production, Release, migrated database)");
var beforeLoadMiB = service.ResidentMiB;

// What the load rotates over, read from the library itself.
var visible = "status = 'published' AND publish_at <= now() AND (expires_at IS NULL OR expires_at > now())";
var slugs = await ListAsync<string>($"SELECT slug FROM articles WHERE {visible} ORDER BY random() LIMIT 20000");
var ids = await ListAsync<Guid>($"SELECT id FROM articles WHERE {visible} ORDER BY random() LIMIT 10000");
var rateable = await ListAsync<Guid>($"SELECT id FROM articles WHERE {visible} AND allow_rating ORDER BY random() LIMIT 100");
var categories = await ListAsync<string>("SELECT slug FROM categories");
var titles = await ListAsync<string>($"SELECT lower(cms_unaccent(title)) FROM articles WHERE {visible} ORDER BY random() LIMIT 1000");
var freshTitles = await ListAsync<string>($"SELECT lower(cms_unaccent(title)) FROM articles WHERE {visible} ORDER BY random() LIMIT 20000");
var visibleCount = await ScalarAsync<long>($"SELECT count(*) FROM articles WHERE {visible}");
var deepPage = (int)Math.Min(2000, Math.Max(2, visibleCount / 20 / 2));
// Searches as readers type them: the two adjacent words of a title that set it apart (the rarest pair), accents left out.
// And, for the worst case, the title's first two words, which in news text are mostly the commonest.
var frequency = new Dictionary<string, int>();
await using (var stat = dataSource.CreateCommand("SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM articles')"))
await using (var reader = await stat.ExecuteReaderAsync())
{
    while (await reader.ReadAsync())
    {
        frequency[reader.GetString(0)] = reader.GetInt32(1);
    }
}

var searches = titles.Select(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    .Where(words => words.Length >= 2)
    .Select(words => Enumerable.Range(0, words.Length - 1).Select(i => (words[i], words[i + 1]))
        .MinBy(pair => frequency.GetValueOrDefault(pair.Item1) + frequency.GetValueOrDefault(pair.Item2)))
    .Select(pair => "/api/v1/articles?q=" + Uri.EscapeDataString(pair.Item1 + " " + pair.Item2)).ToList();
var commonSearches = titles.Select(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(words => words.Length >= 2)
    .Select(words => "/api/v1/articles?q=" + Uri.EscapeDataString(words[0] + " " + words[1])).ToList();

// And searches nobody asked before: what each distinct search costs the first time (or after any content change).
// The first 300 titles' searches only warm the service up (its first-time search code compiled, as on a running site).
var warmingSearches = AdjacentWordSearches(freshTitles.Take(300), typo: "").Concat(AdjacentWordSearches(freshTitles.Take(300), typo: "x")).ToList();
var freshSearches = AdjacentWordSearches(freshTitles.Skip(300), typo: "").Except(warmingSearches).ToList();
// And the same with the first word mistyped (a letter too many): a word no article has, beside a real one. Word statistics
// cannot tell it from an uncommon word, which once sent PostgreSQL walking the whole date index for each (800 ms).
var typoSearches = AdjacentWordSearches(freshTitles.Skip(300), typo: "x").Except(warmingSearches).ToList();

// Sync: the initial sync of the whole library (pages of 500), then the token it ends with for "nothing new".
var syncFigures = new List<string>();
string? syncToken = null;
// One section: the root category with the most visible articles in its tree, synced with category=<its slug>.
var section = await ScalarAsync<string>(
    $"""
    SELECT c.slug FROM categories c WHERE c.parent_id IS NULL ORDER BY (
        WITH RECURSIVE tree AS (SELECT c.id UNION SELECT k.id FROM categories k JOIN tree t ON k.parent_id = t.id)
        SELECT count(DISTINCT ac.article_id) FROM article_categories ac JOIN tree t ON t.id = ac.category_id
        JOIN articles a ON a.id = ac.article_id WHERE {visible}) DESC LIMIT 1
    """);
var sectionQuery = "&category=" + Uri.EscapeDataString(section);
string? sectionToken = null;
if (options.Only.Count == 0 || options.Only.Contains("sync"))
{
    (syncToken, var initial) = await InitialSyncAsync(service, "");
    syncFigures.Add(initial);
    (sectionToken, initial) = await InitialSyncAsync(service, sectionQuery);
    syncFigures.Add(initial);
    syncFigures.Add((await InitialSyncAsync(service, "&fields=id,slug,title,summary,coverImage,publishedAt")).Figure);
}

var scenarios = new List<(string Name, string Description, IReadOnlyList<string> Paths, string Script, bool Read)>
{
    ("article", "GET /articles/{slug}, 20k slugs", slugs.Select(s => "/api/v1/articles/" + s).ToList(), Wrk.Get, true),
    ("article-br", "the same, Accept-Encoding: br (as a phone asks)", slugs.Select(s => "/api/v1/articles/" + s).ToList(), Wrk.GetBrotli, true),
    ("list", "GET /articles (page 1)", ["/api/v1/articles"], Wrk.Get, true),
    ("list-filtered", "GET /articles?category=…, 24 categories", categories.Select(c => "/api/v1/articles?category=" + c).ToList(), Wrk.Get, true),
    ("list-deep", $"GET /articles?page={deepPage}", [$"/api/v1/articles?page={deepPage}"], Wrk.Get, true),
    ("search", "GET /articles?q=…, 1000 distinctive two-word searches, each asked before", searches, Wrk.Get, true),
    ("search-common", "GET /articles?q=…, 1000 searches for a title's first two words, each asked before", commonSearches, Wrk.Get, true),
    ("search-fresh", $"GET /articles?q=…, {freshSearches.Count:N0} two-word searches, none asked before", freshSearches, Wrk.Get, true),
    ("search-typo", $"GET /articles?q=…, {typoSearches.Count:N0} searches with a mistyped word, none asked before", typoSearches, Wrk.Get, true),
    ("views", "POST /articles/{id}/views, 10k articles", ids.Select(id => $"/api/v1/articles/{id}/views").ToList(), Wrk.PostEmpty, false),
    ("ratings", "POST /articles/{id}/ratings, 100 articles, random raters", rateable.Select(id => $"/api/v1/articles/{id}/ratings").ToList(), Wrk.PostRating, false),
};
if (syncToken is not null)
{
    scenarios.Add(("sync", "GET /sync?token=… with nothing new", [$"/api/v1/sync?token={Uri.EscapeDataString(syncToken)}"], Wrk.Get, true));
    scenarios.Add(("sync-filtered", $"GET /sync?category={section}&token=… with nothing new",
        [$"/api/v1/sync?token={Uri.EscapeDataString(sectionToken!)}{sectionQuery}"], Wrk.Get, true));
}

scenarios = scenarios.Where(s => options.Only.Count == 0 || options.Only.Contains(s.Name) || (s.Name.StartsWith("sync", StringComparison.Ordinal) && options.Only.Contains("sync"))).ToList();

var work = Directory.CreateTempSubdirectory("cms-bench-").FullName;
var results = new List<(string Name, string Description, WrkResult Result, bool Read, double MemoryMiB)>();

// Cold reads first, before anything is warmed: every visible article once, in random order, as a crawler walks a
// sitemap. Each is a cache miss: what the database and the serialization cost, with the client in this process.
if (options.Only.Count == 0 || options.Only.Contains("cold"))
{
    var every = (await ListAsync<string>($"SELECT slug FROM articles WHERE {visible}")).OrderBy(_ => Random.Shared.Next()).ToList();
    log.WriteLine($"Running cold ({every.Count:N0} articles, each once)...");
    using var crawler = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
    service.TakeWindowPeakMiB();
    var cold = await HttpLoad.RunAsync(options.Connections, 3600, every.Count,
        async i => (await crawler.GetAsync("/api/v1/articles/" + every[i], HttpCompletionOption.ResponseHeadersRead), 0));
    results.Add(("cold", $"GET /articles/{{slug}}, each of {every.Count:N0} visible articles once, none read before (HttpClient)",
        new WrkResult(cold.Ok, (long)(cold.Seconds * 1_000_000), cold.P50 * 1000, cold.P95 * 1000, cold.P99 * 1000, cold.Errors, 0, 0, 0, 0),
        true, service.TakeWindowPeakMiB()));
}

log.WriteLine("Warming up...");
foreach (var scenario in scenarios.Where(s => s.Read && s.Name is not ("search-fresh" or "search-typo")))
{
    Wrk.Run(service.BaseUrl, scenario.Paths, scenario.Script, options.Connections, 2, work);
}

// Articles are kept until they change, and which articles a search finds is kept until content changes, so a running
// site serves its readers' articles and repeated searches from memory: one pass over the slugs and searches puts the
// benchmark there. The first read of each is what a list, the database or search-fresh costs, measured apart.
async Task PassOverAsync(IEnumerable<string> names)
{
    foreach (var scenario in scenarios.Where(s => names.Contains(s.Name)))
    {
        await GetEachAsync(scenario.Paths);
    }
}

async Task GetEachAsync(IEnumerable<string> paths)
{
    using var warm = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
    await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = options.Connections }, async (path, ct) =>
    {
        using var response = await warm.GetAsync(path, ct);
    });
}

await PassOverAsync(["search", "search-common"]);
if (scenarios.Any(s => s.Name is "search-fresh" or "search-typo"))
{
    await GetEachAsync(warmingSearches);
}
// A running site is long past compiling its hot paths; a service fresh from start is not (see WaitForTieredCompilationAsync).
var (compileWait, compilerCpu) = await service.WaitForTieredCompilationAsync(TimeSpan.FromSeconds(60));
log.WriteLine($"  the runtime's background compiler settled after {compileWait.TotalSeconds:F1} s ({compilerCpu.TotalSeconds:F1} s of its CPU)");
// The articles last: counters nobody read for Cms:ReadCache:CountersForgetSeconds (30 s) are forgotten, and the first
// searches and the compiler can take longer than that; a popular article on a running site is read all the time.
await PassOverAsync(["article"]);

service.TakeWindowPeakMiB();
// What each request cost the service and PostgreSQL in CPU: steadier than a rate on a machine others share.
var cpuPerRequest = new Dictionary<string, (double ServiceUs, double PostgresUs)>();
foreach (var scenario in scenarios)
{
    log.WriteLine($"Running {scenario.Name} ({options.Seconds} s)...");
    var (serviceCpu, postgresCpu) = (service.CpuTime, CpuTime.OfPostgres(dataDirectory));
    var result = Wrk.Run(service.BaseUrl, scenario.Paths, scenario.Script, options.Connections, options.Seconds, work);
    var requests = Math.Max(result.Requests, 1);
    cpuPerRequest[scenario.Name] = ((service.CpuTime - serviceCpu).TotalMicroseconds / requests,
        (CpuTime.OfPostgres(dataDirectory) - postgresCpu).TotalMicroseconds / requests);
    results.Add((scenario.Name, scenario.Description, result, scenario.Read, service.TakeWindowPeakMiB()));
}

// The web server's ceiling for each read: nginx serving that scenario's answer (its first path's bytes, compressed as
// the scenario asks) as a static file, with the same wrk and connections, in this run.
var nginxRates = new Dictionary<string, (double PerSecond, int Bytes)>();
if (scenarios.Any(s => s.Read))
{
    using var nginx = await NginxCeiling.StartAsync();
    using var sampler = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(service.BaseUrl) };
    foreach (var scenario in scenarios.Where(s => s.Read))
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, scenario.Paths[0]);
        if (scenario.Script == Wrk.GetBrotli)
        {
            request.Headers.AcceptEncoding.ParseAdd("br");
        }

        using var answer = await sampler.SendAsync(request);
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        var path = nginx.Serve(scenario.Name + ".body", bytes);
        log.WriteLine($"Running nginx serving {scenario.Name}'s {bytes.Length:N0} bytes ({options.Seconds} s)...");
        nginxRates[scenario.Name] = (Wrk.Run(nginx.BaseUrl, [path], Wrk.Get, options.Connections, options.Seconds, work).PerSecond, bytes.Length);
    }
}

// Article reads again, while 16 more connections flood sign-ins (each a 220,000-iteration hash): the hashing slots
// (Cms:Passwords:MaxConcurrentHashes, half the cores) are what keeps readers served.
if (options.Only.Count == 0 || options.Only.Contains("signin-flood"))
{
    log.WriteLine($"Running signin-flood ({options.Seconds} s)...");
    var flood = Task.Run(() => Wrk.Run(service.BaseUrl, ["/api/v1/sessions"], Wrk.PostSignIn, 16, options.Seconds + 2, work));
    await Task.Delay(1000);
    var reads = Wrk.Run(service.BaseUrl, slugs.Select(s => "/api/v1/articles/" + s).ToList(), Wrk.Get, options.Connections, options.Seconds, work);
    var signIns = await flood;
    var memory = service.TakeWindowPeakMiB();
    results.Add(("signin-flood", "GET /articles/{slug} during a flood of sign-ins", reads, true, memory));
    results.Add(("(the flood)", "POST /sessions, 16 connections, unknown users (answered 401 or 429)", signIns, false, memory));
}

// The media library last: an upload is a content change (the read path's epoch moves), which must not reach the
// article scenarios. The kept rendition first, before the CPU-bound ones leave anything behind.
var mediaRows = new List<string>();
var mediaFigures = new List<string>();
if (runsMedia)
{
    await RunMediaScenariosAsync();
}

if (syncToken is not null)
{
    syncFigures.Add(await HundredChangeDeltasAsync(service.BaseUrl, syncToken, "", "", ids));
    // The section's changes: 100 of its own articles (root or child category), so the delta holds exactly 100 items.
    var inSection = " AND id IN (SELECT ac.article_id FROM article_categories ac JOIN categories c ON c.id = ac.category_id " +
        $"LEFT JOIN categories p ON p.id = c.parent_id WHERE '{section}' IN (c.slug, p.slug))";
    syncFigures.Add(await HundredChangeDeltasAsync(service.BaseUrl, sectionToken!, sectionQuery, inSection,
        await ListAsync<Guid>($"SELECT id FROM articles WHERE {visible}{inSection}")));
}

var checks = new List<string>();
// Memory a minute after the load stops, beside what it was before any load (after start, before the warm-up):
// what an idle instance gives back, caches included.
if (options.Only.Count == 0 || options.Only.Contains("settle"))
{
    var peakMiB = service.PeakMemoryMiB;
    log.WriteLine("Idle for a minute...");
    await Task.Delay(TimeSpan.FromMinutes(1));
    var afterMiB = service.ResidentMiB;
    checks.Add(string.Create(CultureInfo.InvariantCulture,
        $"memory: {beforeLoadMiB:F0} MiB resident before the load, peak {peakMiB:F0} MiB, {afterMiB:F0} MiB a minute after it stopped ({afterMiB / beforeLoadMiB:F2}× before)"));
}

if (scenarios.Any(s => s.Name == "views"))
{
    checks.Add(await CheckViewsAsync(service.BaseUrl, ids.Take(100).ToList()));
}

if (scenarios.Any(s => s.Name == "ratings"))
{
    var wrong = await ScalarAsync<long>(
        "SELECT count(*) FROM article_stats s WHERE (s.rating_total, s.rating_count, s.rating1 + s.rating2 + s.rating3 + s.rating4 + s.rating5) <> " +
        "(SELECT coalesce(sum(r.score), 0), count(*), count(*) FROM ratings r WHERE r.article_id = s.article_id)");
    checks.Add(wrong == 0 ? "ratings: every article's totals equal the sum of its rating rows" : $"ratings: {wrong} articles' totals DISAGREE with their rows");
}

log.WriteLine();
log.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {options.Articles:N0} articles ({visibleCount:N0} visible), " +
    $"{options.Connections} connections, {options.Seconds} s each; pgbench -S ceiling {ceiling:F0}/s");
log.WriteLine();
log.WriteLine("| scenario | requests/s | × pgbench -S | × nginx, same bytes | p50 ms | p95 ms | p99 ms | errors | service MiB |");
log.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var (name, description, r, read, memory) in results)
{
    var nginxRatio = nginxRates.TryGetValue(name, out var web) ? string.Create(CultureInfo.InvariantCulture, $"{r.PerSecond / web.PerSecond:F2} ({web.PerSecond:F0}/s, {web.Bytes:N0} B)") : "";
    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name}: {description} | {r.PerSecond:F0} | {(read ? (r.PerSecond / ceiling).ToString("F2", CultureInfo.InvariantCulture) : "")} | {nginxRatio} | {r.P50 / 1000:F2} | {r.P95 / 1000:F2} | {r.P99 / 1000:F2} | {r.Errors} | {memory:F0} |"));
}

log.WriteLine();
log.WriteLine("| scenario | service CPU µs a request | PostgreSQL CPU µs a request |");
log.WriteLine("|---|---:|---:|");
foreach (var (name, (serviceUs, postgresUs)) in cpuPerRequest)
{
    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {serviceUs:N0} | {postgresUs:N0} |"));
}

if (mediaRows.Count > 0)
{
    log.WriteLine();
    log.WriteLine("| media scenario | per second | × kept article | MB/s | p50 ms | p99 ms | errors | service MiB |");
    log.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var row in mediaRows)
    {
        log.WriteLine(row);
    }
}

log.WriteLine();
log.WriteLine($"Service peak memory {service.PeakMemoryMiB:F0} MiB; start to ready {service.StartToReady.TotalMilliseconds:F0} ms" +
    (service.HasExited ? "; THE SERVICE DIED during the run" : ""));
if (memoryLimit is not null)
{
    checks.Add(memoryLimit.Report());
}

if (options.Chart is { } chart)
{
    File.WriteAllText(chart, BenchChart.Svg(
        $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {options.Articles:N0} articles, {options.Connections} connections" +
        (memoryLimit is null ? "" : $", {memoryLimit.Megabytes} MiB limit"),
        results.Where(r => r.Read).Select(r => new BenchChart.Bar(r.Name, r.Result.PerSecond / ceiling,
            nginxRates.TryGetValue(r.Name, out var web) ? r.Result.PerSecond / web.PerSecond : null)).ToList()));
    log.WriteLine($"Chart written to {chart}");
}
foreach (var line in syncFigures.Concat(mediaFigures).Concat(checks))
{
    log.WriteLine(line);
}

Directory.Delete(work, recursive: true);
return;

async Task RunMediaScenariosAsync()
{
    var article = results.FirstOrDefault(r => r.Name == "article").Result;
    // Only a kept rendition is a read to set beside the kept article; encodes and uploads are another kind of work.
    string Row(string name, double perSecond, double? megabytes, double p50, double p99, string errors, double memory, bool read = false) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {perSecond:F1} | {(article is null || !read ? "" : (perSecond / article.PerSecond).ToString("F2", CultureInfo.InvariantCulture))} | " +
            $"{(megabytes is { } mb ? mb.ToString("F1", CultureInfo.InvariantCulture) : "")} | {p50:F2} | {p99:F2} | {(errors.Length == 0 ? "0" : errors)} | {memory:F0} |");

    if (options.Only.Count == 0 || options.Only.Contains("rendition-kept"))
    {
        var item = (await MediaGenerator.ListAsync(dataSource, large: false))[0];
        foreach (var query in MediaScenarios.KeptQueries)
        {
            var (url, bytes) = await MediaScenarios.KeepRenditionAsync(service.BaseUrl, item, query);
            Wrk.Run(service.BaseUrl, [url], Wrk.Get, options.Connections, 2, work);
            service.TakeWindowPeakMiB();
            log.WriteLine($"Running rendition-kept ({options.Seconds} s)...");
            var kept = Wrk.Run(service.BaseUrl, [url], Wrk.Get, options.Connections, options.Seconds, work);
            mediaRows.Add(Row($"rendition-kept: GET {url} ({bytes / 1024.0:F0} KiB), kept, {options.Connections} connections", kept.PerSecond,
                kept.PerSecond * bytes / 1e6, kept.P50 / 1000, kept.P99 / 1000, kept.Errors == 0 ? "" : kept.Errors.ToString(CultureInfo.InvariantCulture),
                service.TakeWindowPeakMiB(), read: true));
            mediaFigures.Add(article is null
                ? string.Create(CultureInfo.InvariantCulture, $"rendition-kept: {kept.PerSecond:F0} requests/s (no ratio: run article too, e.g. --only article,rendition-kept)")
                : string.Create(CultureInfo.InvariantCulture,
                    $"rendition-kept ({query}): {kept.PerSecond:F0} requests/s, {kept.PerSecond / article.PerSecond:F2}× the kept article ({article.PerSecond:F0}/s) of this run, " +
                    $"{kept.PerSecond / ceiling:F2}× pgbench -S"));
        }
    }

    if (options.Only.Count == 0 || options.Only.Contains("rendition-first"))
    {
        var large = await MediaGenerator.ListAsync(dataSource, large: true);
        log.WriteLine($"Running rendition-first ({options.Seconds} s)...");
        service.TakeWindowPeakMiB();
        var (first, memory) = await MediaScenarios.FirstRenditionsAsync(service, large, 8, options.Seconds);
        service.TakeWindowPeakMiB();
        mediaRows.Add(Row($"rendition-first: GET /media/…?w=790..810&format=webp, {first.Ok + first.Errors} renditions never made before of {large.Count} " +
            "12 MP JPEGs, 8 at once", first.PerSecond, null, first.P50, first.P99, first.FailureText, memory.PeakMiB));
        // Decoded whole, one 4000 × 3000 RGB picture is 34 MiB; eight at once, 275 MiB over the service's own.
        mediaFigures.Add(string.Create(CultureInfo.InvariantCulture,
            $"rendition-first: {first.Ok} renditions in {first.Seconds:F1} s ({first.PerSecond:F1}/s); service {memory.BeforeMiB:F0} MiB before, peak " +
            $"{memory.PeakMiB:F0} MiB with 8 at once (+{memory.PeakMiB - memory.BeforeMiB:F0}); a 12 MP picture decoded is 34 MiB of RGB, eight 275 MiB" +
            $"{(first.RanOut ? "; RAN OUT of distinct renditions before the time was up" : "")}"));
    }

    if (options.Only.Count == 0 || options.Only.Contains("upload"))
    {
        var picture = BenchPictures.Upload();
        var token = await MediaScenarios.SignInAsync(service.BaseUrl);
        log.WriteLine($"Running upload ({options.Seconds} s)...");
        service.TakeWindowPeakMiB();
        var (upload, deleted) = await MediaScenarios.UploadAsync(service.BaseUrl, token, picture, 8, options.Seconds);
        var megabytes = picture.Length / 1e6;
        mediaRows.Add(Row($"upload: POST /media, a {megabytes:F1} MB JPEG (2400 × 1600), 8 clients", upload.PerSecond, upload.PerSecond * megabytes,
            upload.P50, upload.P99, upload.FailureText, service.TakeWindowPeakMiB()));
        mediaFigures.Add(string.Create(CultureInfo.InvariantCulture,
            $"upload: {upload.Ok} uploads of {megabytes:F2} MB in {upload.Seconds:F1} s ({upload.PerSecond * megabytes:F1} MB/s, {upload.PerSecond:F1}/s), " +
            $"{deleted} deleted again"));
    }
}

async Task<(string Token, string Figure)> InitialSyncAsync(ServiceProcess target, string query)
{
    using var http = new HttpClient { BaseAddress = new Uri(target.BaseUrl) };
    var clock = Stopwatch.StartNew();
    var before = target.PeakMemoryMiB;
    string? token = null;
    long bytes = 0, items = 0, pages = 0;
    while (true)
    {
        var body = await http.GetByteArrayAsync("/api/v1/sync?limit=500" + query + (token is null ? "" : "&token=" + Uri.EscapeDataString(token)));
        bytes += body.Length;
        pages++;
        using var json = System.Text.Json.JsonDocument.Parse(body);
        items += json.RootElement.GetProperty("items").GetArrayLength();
        token = json.RootElement.GetProperty("nextToken").GetString();
        if (!json.RootElement.GetProperty("hasMore").GetBoolean())
        {
            break;
        }
    }

    // What a phone downloads: the first page again, as a client asking for Brotli and for gzip gets it.
    var compressed = new List<string>();
    foreach (var encoding in new[] { "br", "gzip" })
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sync?limit=500" + query);
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        using var response = await http.SendAsync(request);
        compressed.Add($"{encoding} {(await response.Content.ReadAsByteArrayAsync()).Length / 1024.0:F0} KiB");
    }

    return (token!, string.Create(CultureInfo.InvariantCulture,
        $"sync{query}: initial sync of {items:N0} articles in {pages} pages of 500, {bytes / 1048576.0:F0} MiB of JSON, {clock.Elapsed.TotalSeconds:F1} s " +
        $"({bytes / 1048576.0 / pages:F1} MiB a page; compressed {string.Join(", ", compressed)}); service peak memory {before:F0} -> {target.PeakMemoryMiB:F0} MiB"));
}

async Task<string> HundredChangeDeltasAsync(string baseUrl, string token, string query, string inSection, List<Guid> pool)
{
    // Forty rounds after one untimed: 100 articles change (as an editor's save would: new title, version + 1), then
    // the delta is timed. Which 100 is chosen by an index range on the id, not ORDER BY random() over the whole table,
    // so the choosing does not sweep the caches just before the measurement.
    using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    var timings = new List<double>();
    // Starting far enough from the end that 100 visible articles always follow.
    var orderedIds = pool.Order().ToList();
    // Bring the token up to date first: changes made since it was issued (other scenarios' rounds) may take many pages.
    for (var more = true; more;)
    {
        using var caughtUp = System.Text.Json.JsonDocument.Parse(await http.GetByteArrayAsync("/api/v1/sync?limit=500&token=" + Uri.EscapeDataString(token) + query));
        token = caughtUp.RootElement.GetProperty("nextToken").GetString()!;
        more = caughtUp.RootElement.GetProperty("hasMore").GetBoolean();
    }

    for (var round = -1; round < 40; round++)
    {
        var start = orderedIds[Random.Shared.Next(orderedIds.Count - 200)];
        await ExecuteAsync($"UPDATE articles SET title = title || ' ', version = version + 1 WHERE id IN " +
            $"(SELECT id FROM articles WHERE {visible}{inSection} AND id >= '{start}' ORDER BY id LIMIT 100)");
        // Written behind the service's back, so say it as another instance's save would (its answers are kept a moment),
        // and give the notification a moment to arrive.
        await ExecuteAsync($"NOTIFY {Cms.Api.ReadPath.ContentChangeListener.Channel}");
        await Task.Delay(50);
        var clock = Stopwatch.StartNew();
        var body = await http.GetByteArrayAsync("/api/v1/sync?token=" + Uri.EscapeDataString(token) + query);
        if (round >= 0)
        {
            timings.Add(clock.Elapsed.TotalMilliseconds);
        }

        using var json = System.Text.Json.JsonDocument.Parse(body);
        if (json.RootElement.GetProperty("items").GetArrayLength() != 100 && round >= 0)
        {
            return $"sync{query}: a 100-change delta returned {json.RootElement.GetProperty("items").GetArrayLength()} items: WRONG";
        }

        token = json.RootElement.GetProperty("nextToken").GetString()!;
    }

    timings.Sort();
    return string.Create(CultureInfo.InvariantCulture,
        $"sync{query}: 100-change delta (40 rounds, one client): p50 {timings[19]:F1} ms, p95 {timings[37]:F1} ms, max {timings[39]:F1} ms, each with exactly 100 items");
}

async Task<string> CheckViewsAsync(string baseUrl, List<Guid> articles)
{
    // Exactness, apart from throughput: a known number of views, every answer counted, then the database compared.
    // First let the load run's own buffered views land (a flush a second), or they would be counted here.
    long before, settled = -1;
    while ((before = await ScalarAsync<long>("SELECT sum(view_count) FROM article_stats")) != settled)
    {
        settled = before;
        await Task.Delay(1500);
    }

    using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    var accepted = 0;
    await Parallel.ForEachAsync(Enumerable.Range(0, 20_000), new ParallelOptions { MaxDegreeOfParallelism = options.Connections }, async (i, ct) =>
    {
        using var response = await http.PostAsync($"/api/v1/articles/{articles[i % articles.Count]}/views", null, ct);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            Interlocked.Increment(ref accepted);
        }
    });
    var clock = Stopwatch.StartNew();
    long counted;
    while ((counted = await ScalarAsync<long>("SELECT sum(view_count) FROM article_stats") - before) < accepted && clock.Elapsed < TimeSpan.FromSeconds(5))
    {
        await Task.Delay(50);
    }

    await Task.Delay(1500);
    counted = await ScalarAsync<long>("SELECT sum(view_count) FROM article_stats") - before;
    return counted == accepted
        ? $"views: {accepted} accepted, {counted} counted (exact), all written {clock.ElapsedMilliseconds - 1500} ms after the last was accepted"
        : $"views: {accepted} accepted but {counted} counted: NOT EXACT";
}

async Task<T> ScalarAsync<T>(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
}

async Task ExecuteAsync(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    await command.ExecuteNonQueryAsync();
}

async Task<List<T>> ListAsync<T>(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    await using var reader = await command.ExecuteReaderAsync();
    var list = new List<T>();
    while (await reader.ReadAsync())
    {
        list.Add(reader.GetFieldValue<T>(0));
    }

    return list;
}

// Two adjacent words of each title, from a random place in it, <typo> added to the first; each distinct search once.
static List<string> AdjacentWordSearches(IEnumerable<string> titles, string typo) =>
    titles.Select(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(words => words.Length >= 2)
        .Select(words => Random.Shared.Next(words.Length - 1) is var i ? words[i] + typo + " " + words[i + 1] : "")
        .Distinct().Select(q => "/api/v1/articles?q=" + Uri.EscapeDataString(q)).ToList();

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Cms.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository.");
}
