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
        options.UseNpgsql(dataSource).UseSnakeCaseNamingConvention();

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();
}
