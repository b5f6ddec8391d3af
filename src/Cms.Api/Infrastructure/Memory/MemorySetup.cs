using Microsoft.Extensions.Options;

namespace Cms.Api.Infrastructure.Memory;

internal static class MemorySetup
{
    public static IServiceCollection AddCmsMemoryBudget(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MemoryOptions>().Bind(configuration.GetSection(MemoryOptions.SectionName))
            .Validate(o => o.CacheMegabytes is null or > 0, "Cms:Memory:CacheMegabytes must be positive.")
            .ValidateOnStart();
        services.AddSingleton(provider => CacheBudget.From(provider.GetRequiredService<IOptions<MemoryOptions>>().Value, CacheBudget.AvailableToRuntime()));
        return services;
    }
}
