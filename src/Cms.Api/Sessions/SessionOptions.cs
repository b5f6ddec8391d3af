namespace Cms.Api.Sessions;

/// <summary>Bound from <c>Cms:Sessions</c>.</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Cms:Sessions";

    /// <summary>A session with no activity for this long ends.</summary>
    public int IdleTimeoutSeconds { get; set; } = 1800;

    /// <summary>A session ends this long after sign-in, however active.</summary>
    public int AbsoluteTimeoutSeconds { get; set; } = 28800;

    /// <summary>How long before the idle expiry a client should offer to keep the session alive.</summary>
    public int WarningSeconds { get; set; } = 60;

    /// <summary>
    /// Activity moves the idle expiry only when it would move by at least this much, so a busy client
    /// costs one write per interval rather than one per request. Keep-alive always writes.
    /// </summary>
    public int ActivityWriteIntervalSeconds { get; set; } = 5;

    /// <summary>How often ended sessions and stale sign-in counters are purged.</summary>
    public int PurgeIntervalSeconds { get; set; } = 600;

    /// <summary>How long an ended session's row is kept so its token answers session_expired rather than unauthenticated.</summary>
    public int KeepEndedSessionsSeconds { get; set; } = 86400;

    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(IdleTimeoutSeconds);

    public TimeSpan AbsoluteTimeout => TimeSpan.FromSeconds(AbsoluteTimeoutSeconds);
}
