using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cms.Api.ReadPath;

public static class ReadPathSetup
{
    public static IServiceCollection AddCmsReadPath(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OpenApiOptions>(OpenApiSetup.DocumentName, o => o.AddOperationTransformer(CacheTagHeaders.ApplyAsync));
        services.AddOptions<ReadCacheOptions>().Bind(configuration.GetSection(ReadCacheOptions.SectionName))
            .Validate(o => o.MaxAgeMilliseconds is >= 0 and <= 60_000, "Cms:ReadCache:MaxAgeMilliseconds must be 0..60000.")
            .Validate(o => o.SizeLimitMegabytes is null or > 0 && o.ArticleSizeLimitMegabytes is null or > 0, "Cms:ReadCache size limits must be positive.")
            .Validate(o => o.CountersForgetSeconds > 0, "Cms:ReadCache:CountersForgetSeconds must be positive.")
            .ValidateOnStart();
        services.AddOptions<VisibilityWindowOptions>().Bind(configuration.GetSection(VisibilityWindowOptions.SectionName))
            .Validate(o => o.ArticleCacheSeconds is >= 0 and <= 3600, "Cms:Views:ArticleCacheSeconds must be 0..3600.")
            .ValidateOnStart();
        services.AddSingleton<ContentEpoch>();
        services.AddSingleton<OwnNotifications>();
        services.AddSingleton<IInterceptor, ContentChangeInterceptor>();
        services.AddSingleton<VisibilityDeadline>();
        services.AddSingleton<ArticleCounters>();
        services.AddSingleton<ResponseCache>();
        services.AddSingleton<ListCache>();
        services.AddSingleton<ReplicaReads>();
        services.AddSingleton<VisibilityWindowCache>();
        if (!BuildTime.IsGeneratingOpenApi)
        {
            services.AddHostedService<ContentChangeListener>();
            services.AddSingleton<ArticleCounterRefresher>();
            services.AddHostedService(sp => sp.GetRequiredService<ArticleCounterRefresher>());
        }

        return services;
    }

    /// <summary>Cached answers are answered here, before routing; the rest of the read path runs as endpoint filters.</summary>
    public static IApplicationBuilder UseCmsReadPath(this IApplicationBuilder app) => app.UseCachedAnswersBeforeRouting();
}
