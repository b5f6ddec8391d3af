namespace Cms.Api.Views;

internal static class ViewSetup
{
    public static IServiceCollection AddCmsViews(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ViewOptions>().Bind(configuration.GetSection(ViewOptions.SectionName))
            .Validate(o => o.FlushIntervalMilliseconds is >= 10 and <= 60_000, "Cms:Views:FlushIntervalMilliseconds must be 10..60000.")
            .Validate(o => o.ArticleCacheSeconds is >= 0 and <= 3600, "Cms:Views:ArticleCacheSeconds must be 0..3600.")
            .ValidateOnStart();
        services.AddSingleton<ViewCounter>();
        services.AddSingleton<ViewTargets>();
        services.AddSingleton<ViewFlusher>();
        if (!Infrastructure.BuildTime.IsGeneratingOpenApi)
        {
            services.AddHostedService(sp => sp.GetRequiredService<ViewFlusher>());
        }

        return services;
    }
}
