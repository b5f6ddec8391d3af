namespace Cms.Api.Revisions;

internal static class RevisionSetup
{
    public static IServiceCollection AddCmsRevisions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PreviewOptions>().Bind(configuration.GetSection(PreviewOptions.SectionName))
            .Validate(o => o.LinkHours is >= 1 and <= 24 * 365, "Cms:Preview:LinkHours must be between 1 and 8760.").ValidateOnStart();
        services.AddSingleton<RevisionPurger>();
        services.AddScoped<Media.IPreviewMedia, PreviewMedia>();
        if (!Infrastructure.BuildTime.IsGeneratingOpenApi)
        {
            services.AddHostedService(sp => sp.GetRequiredService<RevisionPurger>());
        }

        return services;
    }
}
