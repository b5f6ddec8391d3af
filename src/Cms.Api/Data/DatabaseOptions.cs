namespace Cms.Api.Data;

/// <summary>Bound from <c>Cms:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Cms:Database";

    /// <summary>Apply pending migrations when the service starts. Off: run <c>dotnet run --project src/Cms.Api -- migrate</c>.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
