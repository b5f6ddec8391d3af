using System.Diagnostics;

namespace Cms.Api.Tests.Infrastructure;

/// <summary>
/// Debian's redis-server on a free loopback port under a throw-away folder (deploy/redis/start.sh), a fixture's own, which
/// the fixture may stop. Missing, the test is skipped, unless CMS_REQUIRE_REDIS=1 (CI), where it fails.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private static readonly string Scripts = Path.Combine(Repository.Root, "deploy", "redis");
    private readonly string _folder;
    private bool _stopped;

    private RedisServer(string folder, int port)
    {
        _folder = folder;
        Configuration = $"127.0.0.1:{port}";
    }

    /// <summary>What Cms:Redis:Configuration names.</summary>
    public string Configuration { get; }

    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists("/usr/bin/redis-server"))
        {
            Prerequisite.Missing("Redis (apt-get install --no-install-recommends redis-server)", "CMS_REQUIRE_REDIS");
        }

        var folder = Directory.CreateTempSubdirectory("cms-redis-").FullName;
        var port = Loopback.FreePort();
        await RunAsync("start.sh", folder, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new RedisServer(folder, port);
    }

    /// <summary>Stops the server: what a test that needs Redis gone calls.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await RunAsync("stop.sh", _folder);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Scripts, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited with {process.ExitCode}:\n{await stdout}{await stderr}");
        }
    }
}
