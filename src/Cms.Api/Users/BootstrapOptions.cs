namespace Cms.Api.Users;

/// <summary>Bound from <c>Cms:Bootstrap</c>: the first admin, created on start when no user exists.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Cms:Bootstrap";

    public string? AdminUsername { get; set; }

    /// <summary>In Development, when empty, a random password is made and printed once.</summary>
    public string? AdminPassword { get; set; }

    public string AdminDisplayName { get; set; } = "Administrator";
}
