namespace Cms.Api.Infrastructure.Passwords;

public sealed class PasswordHashingOptions
{
    public const string SectionName = "Cms:Passwords";

    /// <summary>
    /// PBKDF2 iterations of HMAC-SHA512 for new hashes. OWASP advises at least 210,000 for SHA-512; ASP.NET Core's
    /// hasher defaults to 100,000. Hashes made with fewer are upgraded when their owner next signs in. Lower it only
    /// where hashing speed does not matter to anyone's safety (the test suite sets 1,000).
    /// </summary>
    public int Iterations { get; set; } = 220_000;

    /// <summary>
    /// Hashes computed at once. Each takes a core for ~0.1 s, so a flood of sign-ins could take every core from
    /// readers; with half the cores (at least one) reads always have the rest. Sign-ins queue for a slot.
    /// </summary>
    public int MaxConcurrentHashes { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How long a sign-in waits for a hashing slot before it is told to come back (429 with Retry-After).</summary>
    public int QueueTimeoutMilliseconds { get; set; } = 2000;
}
