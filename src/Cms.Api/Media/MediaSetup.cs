using Cms.Api.Infrastructure;
using Cms.Api.Media.Renditions;
using Cms.Api.Media.Storage;
using Microsoft.Extensions.Options;

namespace Cms.Api.Media;

internal static class MediaSetup
{
    public static IServiceCollection AddCmsMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.SectionName))
            .Validate(o => o.Store is "local" or "s3", "Cms:Media:Store must be local or s3.")
            .Validate(o => o.MaxUploadBytes > 0 && o.MaxPixels > 0, "Cms:Media:MaxUploadBytes and MaxPixels must be positive.")
            .Validate(o => o.RenditionCacheMegabytes > 0 && o.MaxConcurrentEncodes >= 0, "Cms:Media:RenditionCacheMegabytes must be positive, MaxConcurrentEncodes 0 or more.")
            .Validate(o => o.EncodeQueueLength >= 0 && o.AvifEffort is >= 0 and <= 9, "Cms:Media:EncodeQueueLength must be 0 or more, AvifEffort 0 to 9.")
            .Validate(o => o.Presets.Values.All(p => RenditionQuery.Parse(p.W, p.H, p.Fit, p.Format, p.Q, null, false, o.Presets).Request is not null),
                "Every Cms:Media:Presets entry must hold valid w, h (1..4096), fit, format and q (1..100).")
            .ValidateOnStart();
        services.AddSingleton<IMediaStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<MediaOptions>>().Value;
            var environment = provider.GetRequiredService<IHostEnvironment>();
            return options.Store switch
            {
                _ => new LocalMediaStore(Folder(options.LocalPath, environment, "media")),
            };
        });
        services.AddScoped<MediaLibrary>();
        services.AddSingleton<MediaFileLookup>();
        services.AddSingleton<RenditionMetrics>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<MediaOptions>>().Value;
            return new RenditionEncoder(options.MaxPixels, options.AvifEffort, provider.GetRequiredService<RenditionMetrics>());
        });
        services.AddSingleton<Renditions.Renditions>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<MediaOptions>>().Value;
            return new EncodeGate(options.MaxConcurrentEncodes > 0 ? options.MaxConcurrentEncodes : Environment.ProcessorCount, options.EncodeQueueLength);
        });
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<MediaOptions>>().Value;
            var folder = Folder(options.RenditionCachePath, provider.GetRequiredService<IHostEnvironment>(), "renditions");
            return new RenditionCache(folder, options.RenditionCacheMegabytes * 1024L * 1024L);
        });
        return services;
    }

    /// <summary>A configured folder, or the service's own local data folder for <paramref name="name"/>.</summary>
    public static string Folder(string configured, IHostEnvironment environment, string name) =>
        string.IsNullOrWhiteSpace(configured) ? LocalDataFolder.For(environment.ContentRootPath, name) : Path.GetFullPath(configured);
}
