using System.Diagnostics;
using System.Globalization;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Cluster;

/// <summary>
/// The cluster of deploy/cluster/up.sh (etcd, two PostgreSQL nodes under Patroni, HAProxy, Redis, Cms instances behind
/// nginx), started by the script itself in a throw-away folder on a free block of loopback ports, and stopped by
/// down.sh. The drills kill parts of it with kill.sh and bring them back with up.sh again.
/// </summary>
public sealed class ClusterTopology : IAsyncDisposable
{
    private static readonly string Scripts = Path.Combine(Repository.Root, "deploy", "cluster");
    private static readonly string[] Engines =
        ["/usr/bin/etcd", "/usr/bin/patroni", "/usr/sbin/haproxy", "/usr/bin/redis-server", "/usr/sbin/nginx", "/usr/lib/postgresql/15/bin/postgres"];

    private readonly Dictionary<string, string> _environment;

    private ClusterTopology(string folder, Dictionary<string, string> environment)
    {
        Folder = folder;
        _environment = environment;
    }

    public string Folder { get; }

    /// <summary>What up.sh wrote to cluster.env: addresses, connection strings, the admin's password.</summary>
    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();

    public Uri Url => new(Values["CMS_CLUSTER_URL"]);

    public IReadOnlyList<Uri> Instances => Values["CMS_CLUSTER_INSTANCE_PORTS"].Split(' ').Select(p => new Uri($"http://127.0.0.1:{p}")).ToList();

    public string PrimaryConnectionString => Values["CMS_DB_CONNECTION"];

    public string ReplicaConnectionString => Values["CMS_DB_REPLICA_CONNECTION"];

    public string AdminPassword => Values["CMS_ADMIN_PASSWORD"];

    /// <summary>Patroni's synchronous_mode (CMS_CLUSTER_SYNC, true unless "false").</summary>
    public bool Synchronous => !_environment.TryGetValue("CMS_CLUSTER_SYNC", out var sync) || sync != "false";

    /// <summary>
    /// Starts the topology, or skips the test when the engines are not installed (fails instead with CMS_REQUIRE_CLUSTER=1,
    /// as CI sets it). <paramref name="environment"/> goes to up.sh (CMS_CLUSTER_* settings, Cms__* for the instances).
    /// </summary>
    public static async Task<ClusterTopology> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        if (Engines.FirstOrDefault(e => !File.Exists(e)) is { } missing)
        {
            Prerequisite.Missing($"the cluster's engines, {missing} missing (apt-get install --no-install-recommends etcd-server patroni haproxy " +
                "redis-server nginx postgresql-15)", "CMS_REQUIRE_CLUSTER");
        }

        var folder = Directory.CreateTempSubdirectory("cms-cluster-").FullName;
        var all = new Dictionary<string, string>(environment)
        {
            ["CMS_CLUSTER_PORT"] = FreePortBlock().ToString(CultureInfo.InvariantCulture),
            // The service as this test run built it (the tests' own configuration), not a Release build of its own.
            ["CMS_CLUSTER_API_DLL"] = ServiceDll(),
        };
        var topology = new ClusterTopology(folder, all);
        try
        {
            await topology.UpAsync();
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }

        return topology;
    }

    /// <summary>up.sh again: starts whatever is not running (a killed node rejoins, a killed instance restarts).</summary>
    public async Task UpAsync()
    {
        var clock = Stopwatch.StartNew();
        await RunAsync("up.sh", Folder);
        Values = File.ReadAllLines(Path.Combine(Folder, "cluster.env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1].Trim('\''));
        TestContext.Progress.WriteLine($"cluster up.sh: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Patroni's view of the pair, from either node's REST API: the leader's name and its timeline (a failover starts a new
    /// one), and whether the other node is a streaming standby (the synchronous one in synchronous mode); null when no node
    /// answers with a leader.
    /// </summary>
    public async Task<PatroniView?> PatroniAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var first = int.Parse(_environment["CMS_CLUSTER_PORT"], CultureInfo.InvariantCulture);
        foreach (var node in new[] { 0, 1 })
        {
            try
            {
                var cluster = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync($"http://127.0.0.1:{first + 20 + node}/cluster"))!;
                var members = cluster["members"]!.AsArray().Select(m => m!).ToList();
                var leader = members.FirstOrDefault(m => m["role"]?.GetValue<string>() == "leader");
                if (leader is null)
                {
                    continue;
                }

                // In synchronous mode the standby must be the synchronous one; otherwise any streaming replica.
                var roles = Synchronous ? new[] { "sync_standby" } : ["sync_standby", "replica"];
                var standby = members.Any(m => roles.Contains(m["role"]?.GetValue<string>()) && m["state"]?.GetValue<string>() is "streaming" or "running");
                return new PatroniView(leader["name"]!.GetValue<string>(), leader["timeline"]?.GetValue<int>() ?? 0, standby);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                // That node is down or busy: ask the other.
            }
        }

        return null;
    }

    /// <summary>
    /// Waits until the pair is whole and settled: one leader with a streaming (synchronous) standby, unchanged (same leader,
    /// same timeline) for <paramref name="hold"/>. A drill starts from there, so a promotion still under way (after up.sh
    /// brought a node back, or a leader demoted by a machine too busy to renew its lease) is not counted against it.
    /// </summary>
    public async Task<PatroniView> StableAsync(TimeSpan hold, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        PatroniView? since = null;
        var sinceAt = TimeSpan.Zero;
        while (true)
        {
            var now = await PatroniAsync();
            if (now is not { Standby: true } || now != since)
            {
                since = now is { Standby: true } ? now : null;
                sinceAt = clock.Elapsed;
            }
            else if (clock.Elapsed - sinceAt >= hold)
            {
                return now;
            }

            Assert.That(clock.Elapsed, Is.LessThan(timeout), $"the PostgreSQL pair did not settle (last: {now})");
            await Task.Delay(500);
        }
    }

    /// <summary>kill -9 of a node as if its machine died: "primary", "replica", "pg0", "cms2"... Answers the node's name.</summary>
    public async Task<string> KillAsync(string target) => (await RunAsync("kill.sh", Folder, target)).Trim();

    public async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("CMS_CLUSTER_KEEP") == "1")
        {
            TestContext.Progress.WriteLine($"cluster kept running (CMS_CLUSTER_KEEP=1): deploy/cluster/down.sh {Folder}");
            return;
        }

        try
        {
            await RunAsync("down.sh", Folder);
        }
        finally
        {
            // Kept when a test failed, with its logs, unless CI cleans up after itself anyway.
            if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Failed)
            {
                Directory.Delete(Folder, recursive: true);
            }
            else
            {
                TestContext.Progress.WriteLine($"cluster logs kept in {Folder}/log");
            }
        }
    }

    private async Task<string> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Scripts, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited with {process.ExitCode}:\n{await stdout}{await stderr}");
        }

        return await stdout;
    }

    /// <summary>The Cms.Api.dll beside the one this run loaded (src/Cms.Api/bin/{Debug|Release}/net10.0), with its runtime config.</summary>
    private static string ServiceDll()
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!);
        var dll = Path.Combine(Repository.Root, "src", "Cms.Api", "bin", configuration, "net10.0", "Cms.Api.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution first.");
    }

    /// <summary>A block of 40 ports nobody listens on (up.sh puts each daemon at a fixed offset from the first).</summary>
    private static int FreePortBlock()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = Random.Shared.Next(20_000, 30_000) / 50 * 50;
            if (Enumerable.Range(first, 40).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException("No block of 40 free loopback ports found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}

/// <summary>Patroni's leader, its timeline, and whether a synchronous standby streams from it.</summary>
public sealed record PatroniView(string Leader, int Timeline, bool Standby);
