using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Cms.Api.Infrastructure.Http;

internal static class CorsSetup
{
    private const string Policy = "cms";

    public static IServiceCollection AddCmsCors(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(CmsCorsOptions.SectionName).Get<CmsCorsOptions>() ?? new CmsCorsOptions();
        var origins = options.AllowedOrigins.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.TrimEnd('/')).ToArray();
        if (origins.Any(o => o == "*" || !Uri.TryCreate(o, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/"))
        {
            // A wildcard would hand every site a reader's signed-in calls the day cookies arrive; name the origins.
            throw new InvalidOperationException("Cms:Cors:AllowedOrigins takes exact origins such as https://tin.example.vn, not '*' or paths.");
        }

        services.AddCors(cors => cors.AddPolicy(Policy, policy => Configure(policy, origins, options.PreflightMaxAgeSeconds)));
        return services;
    }

    public static IApplicationBuilder UseCmsCors(this IApplicationBuilder app) => app.UseCors(Policy);

    private static void Configure(CorsPolicyBuilder policy, string[] origins, int maxAgeSeconds) =>
        policy.WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "If-Match", "If-None-Match", "Accept")
            // Without these exposed a browser client could not read versions, new locations, or how long to wait.
            .WithExposedHeaders("ETag", "Location", "Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromSeconds(maxAgeSeconds));
}
