namespace Cms.Api.Infrastructure.LocalPostgres;

/// <summary>How to run a private PostgreSQL cluster; bound from <c>Cms:LocalPostgres</c>.</summary>
public sealed class LocalPostgresSettings
{
    public const string SectionName = "Cms:LocalPostgres";

    /// <summary>Where the cluster lives. Empty: a per-checkout folder that survives restarts.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>A folder holding initdb and pg_ctl. Empty: PATH, then /usr/lib/postgresql/*/bin.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>Database created for the service inside the cluster.</summary>
    public string Database { get; set; } = "cms";

    /// <summary>
    /// False trades crash safety for speed (fsync off): right for throw-away test clusters,
    /// wrong for a developer's sample data.
    /// </summary>
    public bool Durable { get; set; } = true;

    /// <summary>
    /// Server settings (postgresql.conf names and values) written after the launcher's own when the cluster is created,
    /// so they win; a cluster that exists keeps what it was created with. Tests name a synchronous standby this way.
    /// </summary>
    public Dictionary<string, string> ServerSettings { get; set; } = [];

    /// <summary>Folders searched after PATH; tests replace them to prove the missing-binaries message.</summary>
    public IReadOnlyList<string>? SearchRoots { get; set; }
}
