using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Cms.Benchmarks;

/// <summary>
/// The cluster of deploy/cluster/up.sh (Release build): article reads through nginx with 1, 2 and 3 instances, one
/// instance without nginx (the extra hop's cost), and the standby's replay lag sampled while ratings are written through
/// nginx. On one 2-core machine more instances cannot add cores: the figures show the overhead, not the gain.
/// <c>dotnet run -c Release --project tests/Cms.Benchmarks -- cluster [--articles 5000] [--seconds 10] [--connections 32]</c>
/// </summary>
internal static class ClusterBenchmark
{
    public static async Task RunAsync(string root, BenchOptions options, int articles, TextWriter log)
    {
        var state = Directory.CreateTempSubdirectory("cms-bench-cluster-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["CMS_CLUSTER_PORT"] = Environment.GetEnvironmentVariable("CMS_CLUSTER_PORT") ?? "16400",
            ["CMS_CLUSTER_S3"] = "0",
            ["CMS_CLUSTER_API_DLL"] = Path.Combine(root, "src", "Cms.Api", "bin", "Release", "net10.0", "Cms.Api.dll"),
            ["Cms__RateLimits__RatingsPerMinute"] = "0",
            ["Cms__RateLimits__ViewsPerMinute"] = "0",
        };
        try
        {
            var values = await UpAsync(root, state, environment, instances: 3, log);
            var url = values["CMS_CLUSTER_URL"];
            var primary = values["CMS_DB_CONNECTION"];
            await using var dataSource = NpgsqlDataSource.Create(primary);
            log.WriteLine($"Generating {articles} articles through HAProxy's primary port...");
            await DataGenerator.LoadAsync(dataSource, articles, DateTimeOffset.UtcNow, log);
            await using (var analyze = dataSource.CreateCommand("ANALYZE"))
            {
                await analyze.ExecuteNonQueryAsync();
            }

            var visible = "status = 'published' AND publish_at <= now() AND (expires_at IS NULL OR expires_at > now())";
            var paths = new List<string>();
            var rateable = new List<string>();
            await using (var command = dataSource.CreateCommand($"SELECT slug, id, allow_rating FROM articles WHERE {visible} ORDER BY random()"))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    paths.Add("/api/v1/articles/" + reader.GetString(0));
                    if (reader.GetBoolean(2) && rateable.Count < 100)
                    {
                        rateable.Add($"/api/v1/articles/{reader.GetGuid(1)}/ratings");
                    }
                }
            }

            // Every instance reads every article once: the runs measure a warm site, as the main benchmark does.
            var instances = values["CMS_CLUSTER_INSTANCE_PORTS"].Split(' ').Select(p => $"http://127.0.0.1:{p}").ToList();
            foreach (var instance in instances)
            {
                using var warm = new HttpClient { BaseAddress = new Uri(instance) };
                await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (path, ct) =>
                {
                    using var response = await warm.GetAsync(path, ct);
                });
            }

            var work = Directory.CreateTempSubdirectory("cms-bench-").FullName;
            var rows = new List<(string Name, WrkResult Result)>();
            log.WriteLine($"Running one instance directly ({options.Seconds} s)...");
            rows.Add(("1 instance, no nginx", Wrk.Run(instances[0], paths, Wrk.Get, options.Connections, options.Seconds, work)));
            foreach (var count in new[] { 1, 2, 3 })
            {
                // up.sh again with fewer instances rewrites nginx's upstream list and reloads it (the others idle).
                await UpAsync(root, state, environment, count, log);
                Wrk.Run(url, paths, Wrk.Get, options.Connections, 2, work);
                log.WriteLine($"Running {count} instance(s) behind nginx ({options.Seconds} s)...");
                rows.Add(($"{count} instance(s) behind nginx", Wrk.Run(url, paths, Wrk.Get, options.Connections, options.Seconds, work)));
            }

            log.WriteLine($"Running ratings through nginx, 3 instances, sampling the standby's lag ({options.Seconds} s)...");
            using var sampling = new CancellationTokenSource();
            // pg_stat_replication's positions are hidden from roles without pg_read_all_stats: read as the superuser.
            var superuser = File.ReadAllLines(Path.Combine(state, "secrets.env")).Single(l => l.StartsWith("SUPERUSER_PASSWORD=", StringComparison.Ordinal)).Split('=', 2)[1];
            var lag = SampleLagAsync(new NpgsqlConnectionStringBuilder(primary) { Username = "postgres", Password = superuser, Database = "postgres" }.ConnectionString,
                sampling.Token);
            var ratings = Wrk.Run(url, rateable, Wrk.PostRating, options.Connections, options.Seconds, work);
            await sampling.CancelAsync();
            var samples = await lag;

            var baseline = rows[1].Result.PerSecond;
            log.WriteLine();
            log.WriteLine($"Cluster: GET /articles/{{slug}} over {paths.Count:N0} articles, wrk -c{options.Connections}, {options.Seconds} s each, " +
                $"{Environment.ProcessorCount} cores (synchronous_mode: {values["CMS_CLUSTER_SYNC"]})");
            log.WriteLine($"| {"setup",-28} | {"req/s",8} | {"p50 ms",7} | {"p99 ms",7} | {"errors",6} | {"vs 1 behind nginx",17} |");
            foreach (var (name, result) in rows)
            {
                log.WriteLine($"| {name,-28} | {result.PerSecond,8:F0} | {result.P50 / 1000,7:F2} | {result.P99 / 1000,7:F2} | {result.Errors,6} | {result.PerSecond / baseline,17:F2} |");
            }

            log.WriteLine();
            log.WriteLine($"Ratings through nginx (3 instances): {ratings.PerSecond:F0}/s, p50 {ratings.P50 / 1000:F1} ms, p99 {ratings.P99 / 1000:F1} ms, errors {ratings.Errors}");
            if (samples.Count > 0)
            {
                var bytes = samples.Select(s => s.Bytes).Order().ToList();
                var replay = samples.Select(s => s.ReplayMs).Order().ToList();
                log.WriteLine($"Standby lag meanwhile ({samples.Count} samples, 100 ms apart): replay behind the primary's WAL p50 {bytes[bytes.Count / 2]:N0} B, " +
                    $"max {bytes[^1]:N0} B; replay_lag p50 {replay[replay.Count / 2]:F1} ms, max {replay[^1]:F1} ms");
            }

            Directory.Delete(work, recursive: true);
        }
        finally
        {
            await RunScriptAsync(root, "down.sh", state, environment);
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<Dictionary<string, string>> UpAsync(string root, string state, Dictionary<string, string> environment, int instances, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        environment["CMS_CLUSTER_INSTANCES"] = instances.ToString(CultureInfo.InvariantCulture);
        await RunScriptAsync(root, "up.sh", state, environment);
        log.WriteLine($"  up.sh with {instances} instance(s): {clock.Elapsed.TotalSeconds:F1} s");
        return File.ReadAllLines(Path.Combine(state, "cluster.env")).Select(l => l.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1].Trim('\''));
    }

    /// <summary>How far the standby's replay is behind the primary: WAL bytes and pg_stat_replication's replay_lag (none: 0).</summary>
    private static async Task<List<(long Bytes, double ReplayMs)>> SampleLagAsync(string primary, CancellationToken stop)
    {
        var samples = new List<(long, double)>();
        await using var connection = new NpgsqlConnection(primary);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::bigint, " +
            "coalesce(extract(epoch FROM replay_lag) * 1000, 0)::float8 FROM pg_stat_replication LIMIT 1", connection);
        while (!stop.IsCancellationRequested)
        {
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                if (await reader.ReadAsync(CancellationToken.None))
                {
                    samples.Add((reader.GetInt64(0), reader.GetDouble(1)));
                }
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return samples;
    }

    private static async Task RunScriptAsync(string root, string script, string state, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "deploy", "cluster", script), state]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited with {process.ExitCode}:\n{await stdout}{await stderr}");
        }
    }
}
