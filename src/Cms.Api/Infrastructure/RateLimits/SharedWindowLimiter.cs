using System.Diagnostics.CodeAnalysis;
using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Cms.Api.Infrastructure.RateLimits;

/// <summary>
/// One client's fixed window counted in Redis, so every instance of the site counts against one limit. While Redis cannot
/// be reached the window is counted by this instance alone (a log line says so): the limit then holds per instance, as
/// without Redis, rather than failing requests or letting everything through.
/// </summary>
internal sealed class SharedWindowLimiter(IDatabase redis, string key, int limit, TimeSpan window, FixedWindowRateLimiter local, ILogger logger)
    : RateLimiter
{
    // INCR and the window's expiry in one step; the first request of a window starts it.
    private const string CountScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return {n, redis.call('PTTL', KEYS[1])}
        """;

    private static long _lastWarning;
    private readonly RedisKey _key = "cms:rate:" + key;
    private readonly RedisValue _windowMilliseconds = (long)window.TotalMilliseconds;
    private volatile int _remaining;
    private long _resetsAt = Environment.TickCount64 + (long)window.TotalMilliseconds;

    /// <summary>Requests the client has left in the window, as of its last request.</summary>
    public int Remaining => _remaining;

    /// <summary>Seconds until the window ends, as of the last request.</summary>
    public int ResetSeconds => (int)Math.Max(0, Math.Ceiling((Interlocked.Read(ref _resetsAt) - Environment.TickCount64) / 1000.0));

    public override TimeSpan? IdleDuration => local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => new() { CurrentAvailablePermits = _remaining };

    // The middleware tries without waiting first and, refused, asks again asynchronously: Redis is only asked then.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => AskAsynchronously;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        try
        {
            var reply = (RedisResult[])(await redis.ScriptEvaluateAsync(CountScript, [_key], [_windowMilliseconds]))!;
            var count = (long)reply[0];
            var left = Math.Max(0, (long)reply[1]);
            _remaining = (int)Math.Max(0, limit - count);
            Interlocked.Exchange(ref _resetsAt, Environment.TickCount64 + left);
            return count <= limit ? Granted.Lease : new Refused(TimeSpan.FromMilliseconds(left));
        }
        catch (RedisException e)
        {
            if (Environment.TickCount64 - Interlocked.Read(ref _lastWarning) > 60_000)
            {
                Interlocked.Exchange(ref _lastWarning, Environment.TickCount64);
                logger.LogWarning(e, "Redis cannot be reached: rate limits are counted per instance until it is back");
            }

            return await local.AcquireAsync(permitCount, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            local.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Lease = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    private static readonly Refused AskAsynchronously = new(null);

    private sealed class Refused(TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, [NotNullWhen(true)] out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
