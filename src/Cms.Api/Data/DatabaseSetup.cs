using Cms.Api.Infrastructure.LocalPostgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Cms.Api.Data;

internal static class DatabaseSetup
{
    public static IServiceCollection AddCmsDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalPostgresSettings>().Bind(configuration.GetSection(LocalPostgresSettings.SectionName));
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        services.AddSingleton<CmsDatabase>();
        services.AddSingleton<DatabaseReadiness>();
        services.AddSingleton(sp => DataSource(sp.GetRequiredService<CmsDatabase>().ConnectionString));
        services.AddSingleton<ReplicaDataSource>();
        services.AddDbContextPool<CmsDbContext>((sp, options) =>
        {
            Configure(options, sp.GetRequiredService<NpgsqlDataSource>());
            // The read path's invalidation, and whatever else a feature registers (IInterceptor services).
            options.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        return services;
    }

    /// <summary>
    /// Auto-prepare (the same few queries run over and over, and planning cost more than running), no reset on close
    /// (the service leaves no session state: SET LOCAL, transaction-scoped locks) and no JIT, unless the connection string says.
    /// </summary>
    public static NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 256;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("NoResetOnClose", StringComparison.OrdinalIgnoreCase)))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        // JIT off: PostgreSQL compiles any plan whose estimate passes jit_above_cost, and a generic plan's guesses pass it
        // easily (a section's sync delta: 6 ms of work, 894 ms of compiling, each call). These queries are short.
        var startup = builder.ConnectionStringBuilder.Options ?? "";
        if (!startup.Contains("jit", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.Options = (startup + " -c jit=off").Trim();
        }

        return builder.Build();
    }

    public static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        Quiet(options.UseNpgsql(dataSource, SingleQueries).UseSnakeCaseNamingConvention());

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        Quiet(options.UseNpgsql(connectionString, SingleQueries).UseSnakeCaseNamingConvention());

    /// <summary>
    /// Applies pending migrations with no statement timeout: one that rewrites a large table (a stored generated column
    /// added to a million articles) takes minutes, and cancelling it halfway leaves the database where it was.
    /// </summary>
    public static async Task MigrateUnhurriedAsync(this CmsDbContext db, CancellationToken cancellationToken = default)
    {
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(0);
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }

    // A failing statement surfaces as an exception: an expected one (a taken slug) becomes a 409, an unexpected one is
    // logged once by the exception handler. EF's own error lines would repeat it, and misreport its first-start probe.
    private static void Quiet(DbContextOptionsBuilder options) => options.ConfigureWarnings(w => w.Log(
        (RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)));

    // An article's bylines and categories are a handful of rows: one round trip beats three, so single queries are chosen on purpose.
    private static void SingleQueries(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery);
}
