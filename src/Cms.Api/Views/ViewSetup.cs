using Cms.Api.Infrastructure.Observability;

namespace Cms.Api.Views;

internal static class ViewSetup
{
    public static IServiceCollection AddCmsViews(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ViewOptions>().Bind(configuration.GetSection(ViewOptions.SectionName))
            .Validate(o => o.FlushIntervalMilliseconds is >= 10 and <= 60_000, "Cms:Views:FlushIntervalMilliseconds must be 10..60000.")
            .ValidateOnStart();
        services.AddSingleton<ViewCounter>();
        services.AddSingleton<ViewFlusher>();
        services.AddCmsGauges<ViewMetrics>();
        if (!Infrastructure.BuildTime.IsGeneratingOpenApi)
        {
            services.AddHostedService(sp => sp.GetRequiredService<ViewFlusher>());
        }

        return services;
    }
}
