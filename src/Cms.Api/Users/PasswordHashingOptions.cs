namespace Cms.Api.Users;

public sealed class PasswordHashingOptions
{
    public const string SectionName = "Cms:Passwords";

    /// <summary>
    /// PBKDF2 iterations of HMAC-SHA512 for new hashes. OWASP advises at least 210,000 for SHA-512; ASP.NET Core's
    /// hasher defaults to 100,000. Hashes made with fewer are upgraded when their owner next signs in. Lower it only
    /// where hashing speed does not matter to anyone's safety (the test suite sets 1,000).
    /// </summary>
    public int Iterations { get; set; } = 220_000;
}
