namespace Cms.Api.Users;

internal static class UserSetup
{
    public static IServiceCollection AddCmsUsers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.SectionName));
        services.AddScoped<AdminBootstrapper>();
        return services;
    }
}
