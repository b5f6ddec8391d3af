namespace Cms.Api.Infrastructure.RateLimits;

/// <summary>Per client address, per minute; 0 turns a limit off. Bound from <c>Cms:RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Cms:RateLimits";

    public int RatingsPerMinute { get; set; } = 30;

    public int ViewsPerMinute { get; set; } = 600;

    public int SignInsPerMinute { get; set; } = 20;
}
