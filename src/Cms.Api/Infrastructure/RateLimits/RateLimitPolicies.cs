using System.Globalization;
using System.Threading.RateLimiting;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.Extensions.Options;

namespace Cms.Api.Infrastructure.RateLimits;

internal static class RateLimitPolicies
{
    public const string SignIns = "sign-ins";
    public const string Ratings = "ratings";
    public const string Views = "views";

    public static IServiceCollection AddCmsRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .Validate(o => o.RatingsPerMinute >= 0 && o.ViewsPerMinute >= 0 && o.SignInsPerMinute >= 0, "Rate limits cannot be negative.")
            .ValidateOnStart();

        services.AddRateLimiter(options =>
        {
            // The built-in limiter answers 503 unless told otherwise; a client over its limit gets 429 and when to retry.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await http.WriteProblemAsync(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "Too many requests",
                    $"This client has sent too many of these requests; retry after {retryAfter} seconds.");
            };
            options.AddPolicy(SignIns, context => PerAddress(context, o => o.SignInsPerMinute));
            options.AddPolicy(Ratings, context => PerAddress(context, o => o.RatingsPerMinute));
            options.AddPolicy(Views, context => PerAddress(context, o => o.ViewsPerMinute));
        });
        return services;
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, Func<RateLimitOptions, int> perMinute)
    {
        var limit = perMinute(context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue);
        if (limit == 0)
        {
            return RateLimitPartition.GetNoLimiter("off");
        }

        // The limit is part of the key, so a changed setting starts fresh windows instead of keeping the old size.
        return RateLimitPartition.GetFixedWindowLimiter($"{limit}|{ClientAddress.Of(context)}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
