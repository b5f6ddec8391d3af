using Cms.Api.Infrastructure.LocalPostgres;
using Npgsql;

namespace Cms.Api.Tests.LocalPostgres;

/// <summary>Alone, because one test empties PATH for the whole process.</summary>
[NonParallelizable]
public sealed class LauncherTests
{
    private string _dataDirectory = "";

    [SetUp]
    public void NewFolder() => _dataDirectory = Path.Combine(Path.GetTempPath(), "cms-launcher-" + Guid.NewGuid().ToString("N")[..8]);

    [TearDown]
    public void RemoveFolder()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Test]
    public async Task StartsFromNothingKeepsItsDataAcrossRestartsAndStopsWhenDisposed()
    {
        var settings = new LocalPostgresSettings { DataDirectory = _dataDirectory, Durable = false, Database = "launcher" };

        string connectionString;
        await using (var cluster = LocalPostgresCluster.Start(settings))
        {
            connectionString = cluster.ConnectionString;
            await using var connection = new NpgsqlConnection(cluster.ConnectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)", connection);
            await create.ExecuteNonQueryAsync();
            Assert.That(File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")), Is.True);
        }

        NpgsqlConnection.ClearAllPools();
        await using (var stopped = new NpgsqlConnection(connectionString + ";Timeout=2"))
        {
            Assert.That(async () => await stopped.OpenAsync(), Throws.InstanceOf<NpgsqlException>(), "disposing stops the server");
        }

        await using (var again = LocalPostgresCluster.Start(settings))
        {
            await using var connection = new NpgsqlConnection(again.ConnectionString);
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT v FROM kept", connection);
            Assert.That(await read.ExecuteScalarAsync(), Is.EqualTo(42));
        }

        NpgsqlConnection.ClearAllPools();
    }

    [Test]
    public async Task ServerSettingsAreWrittenAfterTheLaunchersOwnAndNamesAreChecked()
    {
        var settings = new LocalPostgresSettings
        {
            DataDirectory = _dataDirectory, Durable = false, Database = "postgres",
            ServerSettings = { ["synchronous_commit"] = "remote_apply", ["application_name"] = "it's named" },
        };

        await using (var cluster = LocalPostgresCluster.Start(settings))
        {
            await using var connection = new NpgsqlConnection(cluster.ConnectionString);
            await connection.OpenAsync();
            await using var show = new NpgsqlCommand("SELECT current_setting('synchronous_commit') || '/' || current_setting('application_name')", connection);
            Assert.That(await show.ExecuteScalarAsync(), Is.EqualTo("remote_apply/it's named"), "over the launcher's synchronous_commit = off");
        }

        NpgsqlConnection.ClearAllPools();
        var bad = new LocalPostgresSettings { DataDirectory = _dataDirectory + "-bad", ServerSettings = { ["work_mem = 1GB\nfsync"] = "off" } };
        Assert.That(() => LocalPostgresCluster.Start(bad), Throws.ArgumentException);
    }

    [Test]
    public void RunsTheServerAsThePostgresUserWhenRoot()
    {
        Assume.That(Environment.IsPrivilegedProcess, Is.True, "only a root process must switch users");
        var settings = new LocalPostgresSettings { DataDirectory = _dataDirectory, Durable = false, Database = "postgres" };

        var cluster = LocalPostgresCluster.Start(settings);
        try
        {
            var pid = File.ReadAllLines(Path.Combine(_dataDirectory, "postmaster.pid"))[0];
            var status = File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            var postgresUid = File.ReadAllLines("/etc/passwd").First(l => l.StartsWith("postgres:", StringComparison.Ordinal)).Split(':')[2];
            Assert.That(status.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], Is.EqualTo(postgresUid));
        }
        finally
        {
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [Test]
    public void MissingBinariesSayWhatToInstall()
    {
        var savedPath = Environment.GetEnvironmentVariable("PATH");
        var settings = new LocalPostgresSettings { DataDirectory = _dataDirectory, SearchRoots = [Path.GetTempPath()], BinDirectory = null };
        try
        {
            // Only a PATH without any PostgreSQL and no search roots that hold one.
            Environment.SetEnvironmentVariable("PATH", "/nonexistent");
            var error = Assert.Throws<LocalPostgresUnavailableException>(() => LocalPostgresCluster.Start(settings));
            Assert.That(error!.Message, Does.Contain("apt-get install postgresql").And.Contain("ConnectionStrings:Cms"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", savedPath);
        }
    }
}
