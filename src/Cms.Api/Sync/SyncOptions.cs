namespace Cms.Api.Sync;

public sealed class SyncOptions
{
    public const string SectionName = "Cms:Sync";

    /// <summary>How long tombstones are kept; a token older than this is 410 and the client starts over.</summary>
    public int RetentionDays { get; set; } = 90;

    public int PurgeIntervalMinutes { get; set; } = 60;
}
