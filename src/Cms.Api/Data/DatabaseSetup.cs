using Cms.Api.Infrastructure.LocalPostgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cms.Api.Data;

internal static class DatabaseSetup
{
    public static IServiceCollection AddCmsDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalPostgresSettings>().Bind(configuration.GetSection(LocalPostgresSettings.SectionName));
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        services.AddSingleton<CmsDatabase>();
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(sp.GetRequiredService<CmsDatabase>().ConnectionString).Build());
        services.AddDbContextPool<CmsDbContext>((sp, options) => Configure(options, sp.GetRequiredService<NpgsqlDataSource>()));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, SingleQueries).UseSnakeCaseNamingConvention();

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, SingleQueries).UseSnakeCaseNamingConvention();

    // An article's bylines and categories are a handful of rows: one round trip beats three, so single queries are chosen on purpose.
    private static void SingleQueries(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery);
}
