using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cms.Api.Sessions;

/// <summary>Counts failed sign-ins per username and per client address; past the maximum, sign-in is refused for a while.</summary>
internal sealed class SignInThrottler(CmsDbContext db, TimeProvider time, IOptions<SignInThrottleOptions> options)
{
    /// <summary>How long sign-in stays refused for this username or address; null when it is allowed.</summary>
    public async Task<TimeSpan?> LockedForAsync(string username, string address, CancellationToken cancellationToken)
    {
        var now = time.Now();
        string[] keys = [UserKey(username), AddressKey(address)];
        var until = await db.SignInThrottles.AsNoTracking()
            .Where(t => keys.Contains(t.Key) && t.LockedUntil > now)
            .MaxAsync(t => t.LockedUntil, cancellationToken);
        return until - now;
    }

    public async Task RecordFailureAsync(string username, string address, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await CountAsync(UserKey(username), settings.MaxFailuresPerUsername, cancellationToken);
        await CountAsync(AddressKey(address), settings.MaxFailuresPerAddress, cancellationToken);
    }

    public Task ForgetAsync(string username, CancellationToken cancellationToken)
    {
        var key = UserKey(username);
        return db.SignInThrottles.Where(t => t.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>One atomic upsert, so concurrent failures are all counted, across instances too.</summary>
    private Task CountAsync(string key, int max, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.Now();
        var windowStart = now.AddSeconds(-settings.WindowSeconds);
        var lockedUntil = now.AddSeconds(settings.LockoutSeconds);
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO sign_in_throttles AS t (key, failures, window_started_at, locked_until)
            VALUES ({key}, 1, {now}, CASE WHEN 1 >= {max} THEN {lockedUntil} END)
            ON CONFLICT (key) DO UPDATE SET
                failures = CASE WHEN t.window_started_at <= {windowStart} THEN 1 ELSE t.failures + 1 END,
                window_started_at = CASE WHEN t.window_started_at <= {windowStart} THEN {now} ELSE t.window_started_at END,
                locked_until = CASE
                    WHEN (CASE WHEN t.window_started_at <= {windowStart} THEN 1 ELSE t.failures + 1 END) >= {max} THEN {lockedUntil}
                    ELSE t.locked_until END
            """, cancellationToken);
    }

    private static string UserKey(string username) => "user:" + User.Normalize(username);

    private static string AddressKey(string address) => "address:" + address;
}
