using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.LocalPostgres;
using Microsoft.Extensions.Options;

namespace Cms.Api.Data;

/// <summary>
/// Where the database is: <c>ConnectionStrings:Cms</c> when set; otherwise, in Development only, a private
/// cluster this service starts (and stops when the host is disposed). Resolved lazily, so tools that only
/// build the host (the build-time OpenAPI generator) never start a database.
/// </summary>
public sealed class CmsDatabase : IAsyncDisposable
{
    private readonly LocalPostgresCluster? _cluster;

    public CmsDatabase(IConfiguration configuration, IHostEnvironment environment, IOptions<LocalPostgresSettings> localSettings, ILogger<CmsDatabase> logger)
    {
        var configured = configuration.GetConnectionString("Cms");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            return;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Cms is not set. Outside Development the service needs a PostgreSQL connection string " +
                "(for example the environment variable ConnectionStrings__Cms).");
        }

        var settings = localSettings.Value;
        settings.DataDirectory = string.IsNullOrWhiteSpace(settings.DataDirectory)
            ? LocalDataFolder.For(environment.ContentRootPath, "postgres")
            : settings.DataDirectory;
        logger.LogInformation("ConnectionStrings:Cms is not set: starting a private PostgreSQL in {DataDirectory}", settings.DataDirectory);
        _cluster = LocalPostgresCluster.Start(settings);
        logger.LogInformation("Private PostgreSQL is listening on 127.0.0.1:{Port}", _cluster.Port);
        ConnectionString = _cluster.ConnectionString;
    }

    public string ConnectionString { get; }

    public ValueTask DisposeAsync() => _cluster?.DisposeAsync() ?? ValueTask.CompletedTask;
}
