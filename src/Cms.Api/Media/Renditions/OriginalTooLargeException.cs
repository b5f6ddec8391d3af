namespace Cms.Api.Media.Renditions;

/// <summary>An original over today's pixel limit (uploaded under a higher one): refused, never decoded.</summary>
public sealed class OriginalTooLargeException(int width, int height)
    : Exception($"The original is {width} × {height} pixels, more than this service now renders (Cms:Media:MaxPixels).");
