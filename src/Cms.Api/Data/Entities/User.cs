namespace Cms.Api.Data.Entities;

public sealed class User
{
    public Guid Id { get; set; }

    public required string Username { get; set; }

    /// <summary>Lower-case invariant form: sign-in and uniqueness ignore case.</summary>
    public required string NormalizedUsername { get; set; }

    public required string DisplayName { get; set; }

    public UserRole Role { get; set; }

    public required string PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }

    public static string Normalize(string username) => username.Trim().ToLowerInvariant();
}
