using System.Diagnostics;
using Cms.Api.Data;
using Cms.Api.Infrastructure.LocalPostgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cms.Api.Tests.Infrastructure;

/// <summary>
/// A primary of a fixture's own and a streaming replica made from it as operators make one (pg_basebackup -R:
/// primary_conninfo and standby.signal), so tests can pause the replica's replay and make lag deterministic. A template
/// database is migrated once; each test copies it on the primary and waits for the replica to have the copy. The
/// replica is the primary's synchronous standby, which only a commit asking for it waits on (the clusters commit with
/// synchronous_commit off): <see cref="CaughtUpAsync"/>'s.
/// </summary>
public sealed class ReplicatedPostgres : IAsyncDisposable
{
    private const string TemplateName = "cms_replicated_template";
    private const string ReplicaName = "cms_replica";
    private readonly string _folder;

    private ReplicatedPostgres(string folder, LocalPostgresCluster primary, LocalPostgresCluster replica)
    {
        _folder = folder;
        Primary = primary;
        Replica = replica;
    }

    public LocalPostgresCluster Primary { get; }

    public LocalPostgresCluster Replica { get; }

    public static async Task<ReplicatedPostgres> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("cms-replicated-").FullName;
        if (Environment.IsPrivilegedProcess)
        {
            // The clusters run as postgres (PostgreSQL refuses root), which makes the replica's folder in here.
            Run("chown", ["postgres", folder]);
        }

        var primary = LocalPostgresCluster.Start(new LocalPostgresSettings
        {
            DataDirectory = Path.Combine(folder, "primary"), Durable = false, Database = "postgres",
            ServerSettings = { ["synchronous_standby_names"] = ReplicaName },
        });
        var replicaFolder = Path.Combine(folder, "replica");
        // pg_ctl may be a link on PATH to the version's folder, which holds pg_basebackup too.
        var pgCtl = Path.Combine(PostgresBinaries.Find(new LocalPostgresSettings()), "pg_ctl");
        var bin = Path.GetDirectoryName(File.ResolveLinkTarget(pgCtl, returnFinalTarget: true)?.FullName ?? pgCtl)!;
        var login = new NpgsqlConnectionStringBuilder(primary.ConnectionString);

        Run(Environment.IsPrivilegedProcess ? "runuser" : Path.Combine(bin, "pg_basebackup"),
            [.. Environment.IsPrivilegedProcess ? new[] { "-u", "postgres", "--", Path.Combine(bin, "pg_basebackup") } : [],
             // -R keeps application_name in primary_conninfo: the name synchronous_standby_names gives.
             "-d", $"host=127.0.0.1 port={primary.Port} user={login.Username} password={login.Password} application_name={ReplicaName}",
             "-D", replicaFolder, "-R", "-X", "stream", "-c", "fast"]);
        var replica = LocalPostgresCluster.Start(new LocalPostgresSettings { DataDirectory = replicaFolder, Durable = false, Database = "postgres" });
        var servers = new ReplicatedPostgres(folder, primary, replica);

        await using (var create = new NpgsqlConnection(primary.ConnectionStringFor("postgres")))
        {
            await create.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {TemplateName}", create);
            await command.ExecuteNonQueryAsync();
        }

        var options = new DbContextOptionsBuilder<CmsDbContext>();
        DatabaseSetup.Configure(options, primary.ConnectionStringFor(TemplateName));
        await using (var db = new CmsDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
        }

        NpgsqlConnection.ClearAllPools();
        return servers;
    }

    /// <summary>A migrated database on the primary, there on the replica too when this returns.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(Primary.ConnectionStringFor("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {TemplateName}", connection);
            await command.ExecuteNonQueryAsync();
        }

        await CaughtUpAsync();
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Primary.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The replica stops applying what it receives (pg_wal_replay_pause): from now on it lags, by as much as the test writes.</summary>
    public Task PauseReplayAsync() => OnReplicaAsync("SELECT pg_wal_replay_pause()");

    public Task ResumeReplayAsync() => OnReplicaAsync("SELECT pg_wal_replay_resume()");

    /// <summary>
    /// Returns once the replica has replayed everything the primary had committed when this was called, without polling:
    /// a marker committed with synchronous_commit = remote_apply returns only when the synchronous standby has applied
    /// it, and so all before it. 30 s at most (the wait is then cancelled, which PostgreSQL reports as a warning).
    /// </summary>
    public async Task CaughtUpAsync()
    {
        await using var primary = new NpgsqlConnection(Primary.ConnectionStringFor("postgres"));
        await primary.OpenAsync();
        string? cancelled = null;
        primary.Notice += (_, e) => cancelled ??= e.Notice.MessageText.Contains("synchronous replication", StringComparison.Ordinal) ? e.Notice.MessageText : null;
        await using var transaction = await primary.BeginTransactionAsync();
        // The message gives the transaction an id and a WAL record: a commit that wrote nothing would not wait.
        await using (var marker = new NpgsqlCommand(
            "SET LOCAL synchronous_commit = remote_apply; SET LOCAL statement_timeout = '30s'; SELECT pg_logical_emit_message(true, 'cms-tests', 'caught up')",
            primary, transaction))
        {
            await marker.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        if (cancelled is not null)
        {
            Assert.Fail($"The replica did not apply the primary's writes within 30 s: {cancelled}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Replica.DisposeAsync();
        await Primary.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A server still shutting down may hold a file for a moment; the folder is under /tmp.
        }
    }

    private async Task OnReplicaAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Replica.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void Run(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments.Where(a => !a.Contains("password", StringComparison.Ordinal)))} failed: {error.Result}");
        }
    }
}
