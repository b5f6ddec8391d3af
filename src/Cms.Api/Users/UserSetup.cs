namespace Cms.Api.Users;

internal static class UserSetup
{
    /// <summary>Passwords a production admin must not have: empty, the compose file's old placeholder, the obvious ones.</summary>
    private static readonly string[] Placeholders = ["change-me-before-use", "changeme", "password", "admin", "administrator"];

    public static IServiceCollection AddCmsUsers(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.SectionName))
            .Validate(o => !environment.IsProduction() || string.IsNullOrEmpty(o.AdminUsername) || IsChosen(o.AdminPassword),
                "Cms:Bootstrap:AdminPassword is empty, a placeholder or shorter than 10 characters. In Production choose one " +
                "(with docker compose: CMS_ADMIN_PASSWORD=...), or unset Cms:Bootstrap:AdminUsername once the admin exists.")
            .ValidateOnStart();
        services.AddScoped<AdminBootstrapper>();
        return services;
    }

    private static bool IsChosen(string? password) =>
        password is { Length: >= 10 } && !Placeholders.Contains(password.Trim(), StringComparer.OrdinalIgnoreCase);
}
