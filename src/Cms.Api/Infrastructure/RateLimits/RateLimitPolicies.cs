using System.Globalization;
using System.Threading.RateLimiting;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Infrastructure.Redis;
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

        services.AddSingleton<RedisStore>();
        services.AddRateLimiter(options =>
        {
            // The built-in limiter answers 503 unless told otherwise; a client over its limit gets 429 and when to retry.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                if (Limited(http) is { } limited)
                {
                    RateLimitWindows.Describe(http.Response, limited.Policy, limited.Key, limited.Limit, remaining: 0, resetSeconds: retryAfter);
                }

                await http.WriteProblemAsync(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "Too many requests",
                    $"This client has sent too many of these requests; retry after {retryAfter} seconds.");
            };
            options.AddPolicy(SignIns, context => PerAddress(context, SignIns));
            options.AddPolicy(Ratings, context => PerAddress(context, Ratings));
            options.AddPolicy(Views, context => PerAddress(context, Views));
        });
        return services;
    }

    /// <summary>After the limiter let a request through: its answer says where the client stands.</summary>
    public static IApplicationBuilder UseRateLimitHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (Limited(context) is { } limited)
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode != StatusCodes.Status429TooManyRequests)
                {
                    RateLimitWindows.Describe(context.Response, limited.Policy, limited.Key, limited.Limit);
                }

                return Task.CompletedTask;
            });
        }

        return next(context);
    });

    /// <summary>The endpoint's policy, its limit and this client's window key; null where nothing is limited.</summary>
    private static (string Policy, int Limit, string Key)? Limited(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName is not { } policy)
        {
            return null;
        }

        var limit = LimitOf(policy, context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue);
        return limit == 0 ? null : (policy, limit, WindowKey(context, policy, limit));
    }

    private static int LimitOf(string policy, RateLimitOptions options) => policy switch
    {
        SignIns => options.SignInsPerMinute,
        Ratings => options.RatingsPerMinute,
        _ => options.ViewsPerMinute,
    };

    // The limit is part of the key, so a changed setting starts fresh windows instead of keeping the old size.
    private static string WindowKey(HttpContext context, string policy, int limit) => $"{policy}|{limit}|{ClientAddress.Of(context)}";

    private static RateLimitPartition<string> PerAddress(HttpContext context, string policy)
    {
        var limit = LimitOf(policy, context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue);
        if (limit == 0)
        {
            return RateLimitPartition.GetNoLimiter("off");
        }

        var services = context.RequestServices;
        return RateLimitPartition.Get(WindowKey(context, policy, limit), key => RateLimitWindows.Create(key, limit,
            services.GetRequiredService<RedisStore>(), services.GetRequiredService<ILoggerFactory>().CreateLogger<SharedWindowLimiter>()));
    }
}
