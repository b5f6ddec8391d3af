namespace Cms.Api.Sessions;

/// <summary>
/// Failed sign-ins, bound from <c>Cms:SignInThrottle</c>. Counted whatever the rate limits say: a limit of 0 turns
/// off request counting, never the guard against password guessing.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string SectionName = "Cms:SignInThrottle";

    public int MaxFailuresPerUsername { get; set; } = 5;

    public int MaxFailuresPerAddress { get; set; } = 50;

    /// <summary>Failures older than this are forgotten.</summary>
    public int WindowSeconds { get; set; } = 900;

    /// <summary>How long sign-in stays refused once a count reaches its maximum.</summary>
    public int LockoutSeconds { get; set; } = 300;
}
