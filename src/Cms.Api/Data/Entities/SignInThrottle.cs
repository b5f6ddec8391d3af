namespace Cms.Api.Data.Entities;

/// <summary>
/// Failed sign-ins counted per key ("user:name" or "address:1.2.3.4") in PostgreSQL, so every instance
/// behind a load balancer sees the same count.
/// </summary>
public sealed class SignInThrottle
{
    public required string Key { get; set; }

    public int Failures { get; set; }

    public DateTimeOffset WindowStartedAt { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
}
