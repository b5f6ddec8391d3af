namespace Cms.Api.Reader;

/// <summary>What the static reader cannot know by itself: the settings of this site.</summary>
public sealed record ReaderSettings(string TimeZone);
