using Microsoft.Extensions.Options;

namespace Cms.Api.Infrastructure.Memory;

internal static class MemorySetup
{
    public static IServiceCollection AddCmsMemoryBudget(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MemoryOptions>().Bind(configuration.GetSection(MemoryOptions.SectionName))
            .Validate(o => o.CacheMegabytes is null or > 0, "Cms:Memory:CacheMegabytes must be positive.")
            .Validate(o => o.MallocArenas >= 0 && o.IdleReleaseSeconds >= 0, "Cms:Memory:MallocArenas and IdleReleaseSeconds must be 0 (off) or more.")
            .ValidateOnStart();
        services.AddSingleton(provider => CacheBudget.From(provider.GetRequiredService<IOptions<MemoryOptions>>().Value, CacheBudget.AvailableToRuntime()));
        services.AddSingleton<NativeHeapTrimmer>();
        services.AddSingleton<IdleMemoryRelease>();
        services.AddHostedService(provider => provider.GetRequiredService<IdleMemoryRelease>());
        // Before the server's threads start allocating: arenas made before stay, later ones are capped.
        NativeHeap.LimitArenas(configuration.GetSection(MemoryOptions.SectionName).Get<MemoryOptions>()?.MallocArenas ?? new MemoryOptions().MallocArenas);
        return services;
    }

    /// <summary>First in the pipeline: every request counts, kept answers too, so a quiet service is told from a busy one.</summary>
    public static IApplicationBuilder UseIdleMemoryRelease(this IApplicationBuilder app)
    {
        var release = app.ApplicationServices.GetRequiredService<IdleMemoryRelease>();
        return app.Use((context, next) =>
        {
            release.Noticed();
            return next(context);
        });
    }
}
