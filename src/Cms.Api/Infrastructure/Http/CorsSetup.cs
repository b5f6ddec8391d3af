using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Cms.Api.Infrastructure.Http;

internal static class CorsSetup
{
    private const string Policy = "cms";

    public static IServiceCollection AddCmsCors(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<CmsCorsOptions>().Bind(configuration.GetSection(CmsCorsOptions.SectionName));
        var options = configuration.GetSection(CmsCorsOptions.SectionName).Get<CmsCorsOptions>() ?? new CmsCorsOptions();
        var origins = options.AllowedOrigins.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.TrimEnd('/')).ToArray();
        if (origins.Any(o => o == "*" || !Uri.TryCreate(o, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/"))
        {
            // A wildcard would hand every site a reader's signed-in calls the day cookies arrive; name the origins.
            throw new InvalidOperationException("Cms:Cors:AllowedOrigins takes exact origins such as https://tin.example.vn, not '*' or paths.");
        }

        // In Development with no origins named, a frontend on any localhost port works out of the box.
        var localDevelopment = origins.Length == 0 && environment.IsDevelopment();
        services.AddCors(cors => cors.AddPolicy(Policy, policy =>
        {
            if (localDevelopment)
            {
                policy.SetIsOriginAllowed(IsLocalhost);
            }

            Configure(policy, origins, options.PreflightMaxAgeSeconds);
        }));
        return services;
    }

    public static IApplicationBuilder UseCmsCors(this IApplicationBuilder app) => app.UseCors(Policy);

    private static bool IsLocalhost(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && uri.AbsolutePath == "/";

    private static void Configure(CorsPolicyBuilder policy, string[] origins, int maxAgeSeconds) =>
        policy.WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "If-Match", "If-None-Match", "Accept")
            // Without these exposed a browser client could not read versions, new locations, or how long to wait.
            .WithExposedHeaders("ETag", "Location", "Retry-After", "Preview-Expires-At")
            .SetPreflightMaxAge(TimeSpan.FromSeconds(maxAgeSeconds));
}
