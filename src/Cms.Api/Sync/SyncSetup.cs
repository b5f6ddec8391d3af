namespace Cms.Api.Sync;

internal static class SyncSetup
{
    public static IServiceCollection AddCmsSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.SectionName))
            .Validate(o => o.RetentionDays >= 1, "Cms:Sync:RetentionDays must be at least 1.")
            .Validate(o => o.PurgeIntervalMinutes >= 1, "Cms:Sync:PurgeIntervalMinutes must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<SyncTokenCodec>();
        if (!Infrastructure.BuildTime.IsGeneratingOpenApi)
        {
            services.AddSingleton<TombstonePurger>();
            services.AddHostedService(sp => sp.GetRequiredService<TombstonePurger>());
        }

        return services;
    }
}
