namespace Cms.Api.Admin;

/// <summary><c>Cms:Admin</c>: where the newsroom's built files are.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Cms:Admin";

    /// <summary>
    /// The folder holding the built app (index.html, app.js); empty means wwwroot/admin, where the build puts it. A
    /// deployment that builds the app elsewhere (or a test of the page shown without it) names its own.
    /// </summary>
    public string? Folder { get; set; }
}
