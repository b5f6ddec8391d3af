namespace Cms.Api.Tests.Infrastructure;

internal static class Repository
{
    /// <summary>The checkout's top folder (where Cms.sln is), found from the test binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cms.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cms.sln not found above " + AppContext.BaseDirectory);
    }
}
