using System.Diagnostics;
using Cms.Api.Infrastructure.LocalPostgres;

namespace Cms.Api.Tests.Faults;

/// <summary>A PostgreSQL cluster of a fixture's own, which the fixture may stop, kill and start (the shared one it may not).</summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _binDirectory = PostgresBinaries.Find(new LocalPostgresSettings());
    private readonly LocalPostgresCluster _cluster;

    private PostgresServer(LocalPostgresCluster cluster) => _cluster = cluster;

    public string DataDirectory => _cluster.DataDirectory;

    /// <summary>Durable (fsync, synchronous commit) like production: an immediate stop must not lose a commit.</summary>
    public static PostgresServer Start() => new(LocalPostgresCluster.Start(new LocalPostgresSettings
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "cms-faults-" + Guid.NewGuid().ToString("N")[..8]),
        Durable = true,
        Database = "postgres",
    }));

    public string ConnectionStringFor(string database) => _cluster.ConnectionStringFor(database);

    public void CreateDatabase(string name)
    {
        // A restart killed the pooled connections this process held; start from fresh ones.
        Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(_cluster.ConnectionStringFor("postgres")));
        _cluster.CreateDatabase(name);
    }

    /// <summary>pg_ctl stop with the given mode: fast (clean) or immediate (like a crash: no checkpoint).</summary>
    public Task StopAsync(string mode) => PgCtlAsync("-D", DataDirectory, "-m", mode, "-w", "-s", "stop");

    public Task StartAsync() => PgCtlAsync("-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-w", "-t", "60", "-s",
        "-o", $"-p {_cluster.Port}", "start");

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server still shutting down may hold a file for a moment; the folder is under /tmp.
        }
    }

    private async Task PgCtlAsync(params string[] arguments)
    {
        var asPostgres = Environment.IsPrivilegedProcess;
        var start = new ProcessStartInfo(asPostgres ? "runuser" : Path.Combine(_binDirectory, "pg_ctl"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", Path.Combine(_binDirectory, "pg_ctl")])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"pg_ctl {string.Join(' ', arguments)}: {output}");
    }
}
