using Cms.Api.Data;
using Cms.Api.Infrastructure.LocalPostgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cms.Api.Tests;

/// <summary>
/// One PostgreSQL for the whole run: the service's own launcher on a throw-away folder, or the server named by
/// <c>ConnectionStrings__CmsTests</c>. A template database is migrated once; each fixture copies it.
/// </summary>
// In the root test namespace, so it runs once before every fixture of the assembly.
[SetUpFixture]
public sealed class TestPostgres
{
    private const string TemplateName = "cms_test_template";
    private static LocalPostgresCluster? _cluster;
    private static string? _dataDirectory;
    private static string _serverConnectionString = "";

    public static string ServerConnectionString => _serverConnectionString;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__CmsTests");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _serverConnectionString = configured;
        }
        else
        {
            _dataDirectory = Path.Combine(Path.GetTempPath(), "cms-tests-" + Guid.NewGuid().ToString("N")[..8]);
            _cluster = LocalPostgresCluster.Start(new LocalPostgresSettings { DataDirectory = _dataDirectory, Durable = false, Database = "postgres" });
            _serverConnectionString = _cluster.ConnectionString;
        }

        await RecreateAsync(TemplateName, template: null);
        var options = new DbContextOptionsBuilder<CmsDbContext>();
        DatabaseSetup.Configure(options, ConnectionStringFor(TemplateName));
        await using var db = new CmsDbContext(options.Options);
        await db.Database.MigrateAsync();
        NpgsqlConnection.ClearAllPools();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = database }.ConnectionString;

    /// <summary>A new database holding the migrated schema and no rows.</summary>
    public static Task<string> CreateMigratedDatabaseAsync(string name) => RecreateAsync(name, TemplateName);

    /// <summary>A new empty database, no schema at all.</summary>
    public static Task<string> CreateEmptyDatabaseAsync(string name) => RecreateAsync(name, template: null);

    private static async Task<string> RecreateAsync(string name, string? template)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        var quoted = new NpgsqlCommandBuilder().QuoteIdentifier(name);
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        var from = template is null ? "" : $" TEMPLATE {new NpgsqlCommandBuilder().QuoteIdentifier(template)}";
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {quoted}{from}", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionStringFor(name);
    }
}
