namespace Cms.Api.Ratings;

internal static class RatingSetup
{
    public static IServiceCollection AddCmsRatings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RatingOptions>().Bind(configuration.GetSection(RatingOptions.SectionName))
            .Validate(o => o.MaxBatch is >= 1 and <= 1000 && o.ConcurrentBatches is >= 1 and <= 64,
                "Cms:Ratings:MaxBatch must be 1..1000 and ConcurrentBatches 1..64.")
            .ValidateOnStart();
        services.AddSingleton<RatingBatcher>();
        return services;
    }
}
