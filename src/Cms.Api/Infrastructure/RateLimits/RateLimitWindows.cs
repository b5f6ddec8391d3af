using System.Globalization;
using System.Threading.RateLimiting;
using Cms.Api.Infrastructure.Redis;
using Microsoft.Extensions.Caching.Memory;

namespace Cms.Api.Infrastructure.RateLimits;

/// <summary>
/// The fixed windows behind each limited client, kept so answers can say where the client stands: <c>RateLimit-Policy</c>
/// and <c>RateLimit</c> (the IETF httpapi ratelimit-headers draft). Bounded: a client idle for two windows is forgotten.
/// </summary>
internal static class RateLimitWindows
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private static readonly MemoryCache Windows = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    // When the limiter's window began, by the real clock: the framework's limiters keep their windows on timers of their own.
    private sealed record Kept(RateLimiter Limiter, long StartedAt);

    /// <summary>
    /// Made by the partitioned limiter for a key it does not hold; replaces what was kept for that key. Counted in Redis
    /// when the deployment has one (the site's limit), else by this instance.
    /// </summary>
    public static RateLimiter Create(string key, int limit, RedisStore redis, ILogger logger)
    {
        var local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        RateLimiter limiter = redis.IsConfigured ? new SharedWindowLimiter(redis.Database, key, limit, Window, local, logger) : local;
        Windows.Set(key, new Kept(limiter, Environment.TickCount64), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = 2 * Window });
        return limiter;
    }

    /// <summary>Writes both headers for <paramref name="policy"/>: how many are left in the window and when it ends.</summary>
    public static void Describe(HttpResponse response, string policy, string key, int limit, int? remaining = null, int? resetSeconds = null)
    {
        var left = remaining ?? 0;
        var reset = resetSeconds ?? (int)Window.TotalSeconds;
        if (Windows.TryGetValue(key, out Kept? kept) && kept?.Limiter is SharedWindowLimiter shared)
        {
            left = remaining ?? shared.Remaining;
            reset = resetSeconds ?? shared.ResetSeconds;
        }
        else if (kept is { } window)
        {
            left = remaining ?? (int)(window.Limiter.GetStatistics()?.CurrentAvailablePermits ?? 0);
            var elapsed = (Environment.TickCount64 - window.StartedAt) % (long)Window.TotalMilliseconds;
            reset = resetSeconds ?? (int)Math.Ceiling((Window.TotalMilliseconds - elapsed) / 1000);
        }

        response.Headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"\"{policy}\";q={limit};w={(int)Window.TotalSeconds}");
        response.Headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"{policy}\";r={left};t={Math.Max(reset, 0)}");
    }
}
