namespace Cms.Api.Infrastructure.LocalPostgres;

/// <summary>Finds the server binaries (initdb, pg_ctl), which distributions keep off PATH.</summary>
internal static class PostgresBinaries
{
    private static readonly string[] DefaultRoots = ["/usr/lib/postgresql", "/usr/local/pgsql", "/opt/homebrew/opt", "/usr/local/opt"];

    public static string Find(LocalPostgresSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.BinDirectory))
        {
            return HasServer(settings.BinDirectory)
                ? settings.BinDirectory
                : throw Missing($"Cms:LocalPostgres:BinDirectory ('{settings.BinDirectory}') holds no initdb and pg_ctl.");
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasServer(dir))
            {
                return dir;
            }
        }

        // Debian and Ubuntu install each major version under /usr/lib/postgresql/<major>/bin; prefer the newest.
        var candidates = (settings.SearchRoots ?? DefaultRoots)
            .Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateDirectories(root)
                .Select(versionDir => Path.Combine(versionDir, "bin"))
                .Prepend(Path.Combine(root, "bin")))
            .Where(HasServer)
            .OrderByDescending(dir => MajorVersionOf(dir))
            .ToList();

        return candidates.Count > 0
            ? candidates[0]
            : throw Missing("No PostgreSQL server binaries (initdb, pg_ctl) were found on PATH or under /usr/lib/postgresql/*/bin.");
    }

    private static bool HasServer(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres"));

    private static int MajorVersionOf(string binDir) =>
        int.TryParse(Path.GetFileName(Path.GetDirectoryName(binDir)), out var major) ? major : 0;

    private static LocalPostgresUnavailableException Missing(string what) => new(
        what + " Install the PostgreSQL server (Debian/Ubuntu: 'apt-get install postgresql postgresql-contrib'; " +
        "macOS: 'brew install postgresql@16'), or set ConnectionStrings:Cms to a PostgreSQL you already run.");
}
