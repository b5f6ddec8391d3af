using Cms.Api.Infrastructure.LocalPostgres;

namespace Cms.Api.Tests.Faults;

/// <summary>A PostgreSQL cluster of a fixture's own, which the fixture may stop, kill and start (the shared one it may not).</summary>
internal sealed class PostgresServer : IAsyncDisposable
{
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
    public Task StopAsync(string mode) => Task.Run(() => _cluster.Stop(mode));

    public Task StartAsync() => Task.Run(_cluster.StartAgain);

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
}
