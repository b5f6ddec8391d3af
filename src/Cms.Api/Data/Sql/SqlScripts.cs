namespace Cms.Api.Data.Sql;

/// <summary>The <c>.sql</c> files beside this one, embedded in the assembly: one current definition of each function and trigger.</summary>
public static class SqlScripts
{
    public const string Search = "search.sql";
    public const string Visibility = "visibility.sql";
    public const string Storage = "storage.sql";
    public const string SyncStamps = "sync_stamps.sql";
    public const string CounterStamps = "counter_stamps.sql";
    public const string ContentChanges = "content_changes.sql";
    public const string MediaSearch = "media_search.sql";
    public const string MediaChanges = "media_changes.sql";
    public const string Webhooks = "webhooks.sql";
    public const string SyncMenu = "sync_menu.sql";
    public const string Undelete = "undelete.sql";
    public const string Ratings = "ratings.sql";

    public static string Read(string name)
    {
        using var stream = typeof(SqlScripts).Assembly.GetManifestResourceStream("Cms.Api.Data.Sql." + name)
            ?? throw new InvalidOperationException($"Data/Sql/{name} is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
