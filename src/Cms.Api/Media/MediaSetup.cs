using Cms.Api.Infrastructure;
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
        return services;
    }

    /// <summary>A configured folder, or the service's own local data folder for <paramref name="name"/>.</summary>
    public static string Folder(string configured, IHostEnvironment environment, string name) =>
        string.IsNullOrWhiteSpace(configured) ? LocalDataFolder.For(environment.ContentRootPath, name) : Path.GetFullPath(configured);
}
