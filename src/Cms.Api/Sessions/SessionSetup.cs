using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Passwords;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cms.Api.Sessions;

internal static class SessionSetup
{
    public static IServiceCollection AddCmsSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SessionOptions>()
            .Bind(configuration.GetSection(SessionOptions.SectionName))
            .Validate(o => o.IdleTimeoutSeconds > 0 && o.AbsoluteTimeoutSeconds >= o.IdleTimeoutSeconds,
                "Cms:Sessions: IdleTimeoutSeconds must be positive and at most AbsoluteTimeoutSeconds.")
            .Validate(o => o.WarningSeconds >= 0 && o.WarningSeconds < o.IdleTimeoutSeconds,
                "Cms:Sessions: WarningSeconds must be at least 0 and below IdleTimeoutSeconds.")
            .Validate(o => o.ActivityWriteIntervalSeconds >= 0 && o.PurgeIntervalSeconds > 0 && o.KeepEndedSessionsSeconds >= 0,
                "Cms:Sessions: intervals cannot be negative.")
            .ValidateOnStart();
        services.AddOptions<SignInThrottleOptions>()
            .Bind(configuration.GetSection(SignInThrottleOptions.SectionName))
            .Validate(o => o.MaxFailuresPerUsername > 0 && o.MaxFailuresPerAddress > 0 && o.WindowSeconds > 0 && o.LockoutSeconds > 0,
                "Cms:SignInThrottle: every value must be positive.")
            .ValidateOnStart();

        services.AddOptions<PasswordHashingOptions>().Bind(configuration.GetSection(PasswordHashingOptions.SectionName))
            .Validate(o => o.Iterations >= 1000, "Cms:Passwords:Iterations must be at least 1000.")
            .Validate(o => o.MaxConcurrentHashes >= 1 && o.QueueTimeoutMilliseconds >= 0, "Cms:Passwords: MaxConcurrentHashes must be at least 1, QueueTimeoutMilliseconds not negative.")
            .ValidateOnStart();
        services.AddSingleton<PasswordHashingGate>();
        services.AddOptions<PasswordHasherOptions>().Configure<IOptions<PasswordHashingOptions>>((hasher, passwords) =>
        {
            hasher.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            hasher.IterationCount = passwords.Value.Iterations;
        });
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<SignInThrottler>();
        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddCmsPolicies();

        services.AddSingleton<ExpiredSessionPurger>();
        if (!BuildTime.IsGeneratingOpenApi)
        {
            services.AddHostedService(sp => sp.GetRequiredService<ExpiredSessionPurger>());
        }

        return services;
    }
}
