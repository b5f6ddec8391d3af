namespace Cms.Api.Reader;

public sealed class ReaderOptions
{
    public const string SectionName = "Cms:Reader";

    /// <summary>Serve the reader at /reader/. On by default: it is the live example frontend teams copy from.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The site's time zone (IANA id): publish times read "Thứ ba - 10/10/2017 14:00" in it, whatever the browser's zone.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";
}
