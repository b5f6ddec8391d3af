using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Memory;
using Cms.Api.Media.Renditions;
using Cms.Api.Media.Storage;
using Microsoft.Extensions.Options;

namespace Cms.Api.Media;

internal static class MediaSetup
{
    public static IServiceCollection AddCmsMedia(this IServiceCollection services, IConfiguration configuration)
    {
        // libvips' operation cache (100 operations, 100 MB by default) would keep decoded originals that are seldom asked
        // for twice: renditions are kept as files and in HotRenditions instead.
        NetVips.Cache.Max = 0;
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.SectionName))
            .Validate(o => o.Store is "local" or "s3", "Cms:Media:Store must be local or s3.")
            .Validate(o => o.MaxUploadBytes > 0 && o.MaxPixels > 0, "Cms:Media:MaxUploadBytes and MaxPixels must be positive.")
            .Validate(o => o.RenditionCacheMegabytes > 0 && o.MaxConcurrentEncodes >= 0 && o.HotRenditionMegabytes is null or >= 0,
                "Cms:Media:RenditionCacheMegabytes must be positive, MaxConcurrentEncodes and HotRenditionMegabytes 0 or more.")
            .Validate(o => o.EncodeQueueLength >= 0 && o.AvifEffort is >= 0 and <= 9, "Cms:Media:EncodeQueueLength must be 0 or more, AvifEffort 0 to 9.")
            .Validate(o => o.EncodeWaitSeconds > 0, "Cms:Media:EncodeWaitSeconds must be positive.")
            .Validate(o => o.Presets.Values.All(p => RenditionQuery.Parse(p.W, p.H, p.Fit, p.Format, p.Q, null, false, o.Presets).Request is not null),
                "Every Cms:Media:Presets entry must hold valid w, h (1..4096), fit, format and q (1..100).")
            .Validate(o => o.Store != "s3" || IsBucketName(o.S3.Bucket), "Cms:Media:S3:Bucket is required with Cms:Media:Store=s3: 3 to 63 lowercase letters, digits, '.' and '-'.")
            .Validate(o => o.Store != "s3" || !string.IsNullOrWhiteSpace(o.S3.ServiceUrl) || !string.IsNullOrWhiteSpace(o.S3.Region),
                "Cms:Media:S3:ServiceUrl (radosgw, MinIO, R2...) or Cms:Media:S3:Region (AWS) is required with Cms:Media:Store=s3.")
            .Validate(o => o.Store != "s3" || string.IsNullOrWhiteSpace(o.S3.ServiceUrl) || (Uri.TryCreate(o.S3.ServiceUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"),
                "Cms:Media:S3:ServiceUrl must be an absolute http or https address.")
            .Validate(o => o.Store != "s3" || (!string.IsNullOrWhiteSpace(o.S3.AccessKey) && !string.IsNullOrWhiteSpace(o.S3.SecretKey)),
                "Cms:Media:S3:AccessKey and Cms:Media:S3:SecretKey are required with Cms:Media:Store=s3.")
            .ValidateOnStart();
        services.AddSingleton<IMediaStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<MediaOptions>>().Value;
            var environment = provider.GetRequiredService<IHostEnvironment>();
            return options.Store switch
            {
                "s3" => new S3MediaStore(options.S3),
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
        services.AddSingleton(provider => new HotRenditions(
            provider.GetRequiredService<IOptions<MediaOptions>>().Value.HotRenditionMegabytes * 1024L * 1024L ?? provider.GetRequiredService<CacheBudget>().HotRenditionBytes));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<MediaOptions>>().Value;
            var slots = options.MaxConcurrentEncodes > 0 ? options.MaxConcurrentEncodes : EncodeGate.DerivedSlots(CacheBudget.AvailableToRuntime(), Environment.ProcessorCount);
            return new EncodeGate(slots, options.EncodeQueueLength, TimeSpan.FromSeconds(options.EncodeWaitSeconds), provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<MediaOptions>>().Value;
            var folder = Folder(options.RenditionCachePath, provider.GetRequiredService<IHostEnvironment>(), "renditions");
            return new RenditionCache(folder, options.RenditionCacheMegabytes * 1024L * 1024L);
        });
        return services;
    }

    private static bool IsBucketName(string name) =>
        name.Length is >= 3 and <= 63 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-');

    /// <summary>A configured folder, or the service's own local data folder for <paramref name="name"/>.</summary>
    public static string Folder(string configured, IHostEnvironment environment, string name) =>
        string.IsNullOrWhiteSpace(configured) ? LocalDataFolder.For(environment.ContentRootPath, name) : Path.GetFullPath(configured);
}
