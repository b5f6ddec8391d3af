using NetVips;

namespace Cms.Api.Media.Renditions;

/// <summary>
/// Makes a rendition's bytes from the original's with libvips: shrink-on-load thumbnail (never up), upright by the EXIF
/// orientation, cover cropped around the focal point, contain letterboxed, every bit of metadata left out.
/// </summary>
/// <param name="maxPixels">Larger originals are refused (Cms:Media:MaxPixels): libvips has no limit of its own.</param>
/// <param name="avifEffort">The AV1 encoder's effort, 0 to 9.</param>
/// <param name="metrics">Counts each encode.</param>
public sealed class RenditionEncoder(long maxPixels, int avifEffort, RenditionMetrics metrics)
{
    /// <summary>libvips' VIPS_MAX_COORD: "no limit on this side" for thumbnail.</summary>
    private const int Unbounded = 10_000_000;

    private static readonly double[] White = [255, 255, 255];

    /// <summary>
    /// Reads the original from a seekable stream (its header, then from the start again) as libvips asks for bytes: no copy
    /// of the whole file in managed or native memory (a 5 MB original read into an array went to the large object heap, and
    /// a burst of them held 100+ MiB until a full collection; BENCHMARKS.md, session 14).
    /// </summary>
    public byte[] Encode(Stream original, RenditionSpec spec)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (width, height) = UprightSize(original);
        original.Position = 0;
        using var resized = Resize(original, spec, width, height);
        using var finished = spec.EffectiveFit == RenditionFit.Contain ? Letterbox(resized, spec, width, height) : resized.Copy();
        var bytes = Save(finished, spec);
        metrics.Encoded(spec.Format, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return bytes;
    }

    /// <summary>The header only (sequential, nothing decoded): a picture over MaxPixels is refused before it costs memory.</summary>
    private (int Width, int Height) UprightSize(Stream original)
    {
        using var header = Image.NewFromStream(original, access: Enums.Access.Sequential);
        if ((long)header.Width * header.Height > maxPixels)
        {
            throw new OriginalTooLargeException(header.Width, header.Height);
        }

        var orientation = header.Contains("orientation") ? (int)header.Get("orientation") : 1;
        return orientation is >= 5 and <= 8 ? (header.Height, header.Width) : (header.Width, header.Height);
    }

    private static Image Resize(Stream original, RenditionSpec spec, int width, int height)
    {
        switch (spec.EffectiveFit)
        {
            case RenditionFit.Cover:
                var (boxWidth, boxHeight) = Box(spec, width, height);
                var scale = Math.Max((double)boxWidth / width, (double)boxHeight / height);
                using (var scaled = Image.ThumbnailStream(original, (int)Math.Ceiling(width * scale), height: (int)Math.Ceiling(height * scale), size: Enums.Size.Down))
                {
                    return CropAround(scaled, boxWidth, boxHeight, spec.FocalX, spec.FocalY);
                }

            case RenditionFit.Contain:
                var (w, h) = Box(spec, width, height);
                return Image.ThumbnailStream(original, w, height: h, size: Enums.Size.Down);
            default:
                return Image.ThumbnailStream(original, spec.Width ?? Unbounded, height: spec.Height ?? Unbounded, size: Enums.Size.Down);
        }
    }

    /// <summary>The w x h box, shrunk (its shape kept) until it fits in the original: a rendition is never larger.</summary>
    private static (int Width, int Height) Box(RenditionSpec spec, int width, int height)
    {
        var factor = Math.Min(1, Math.Min((double)width / spec.Width!.Value, (double)height / spec.Height!.Value));
        return (Math.Max(1, (int)Math.Round(spec.Width.Value * factor)), Math.Max(1, (int)Math.Round(spec.Height.Value * factor)));
    }

    private static Image CropAround(Image image, int width, int height, double focalX, double focalY)
    {
        width = Math.Min(width, image.Width);
        height = Math.Min(height, image.Height);
        var left = Math.Clamp((int)Math.Round((focalX * image.Width) - (width / 2.0)), 0, image.Width - width);
        var top = Math.Clamp((int)Math.Round((focalY * image.Height) - (height / 2.0)), 0, image.Height - height);
        return image.ExtractArea(left, top, width, height);
    }

    /// <summary>Contain pads to exactly the box: white behind a JPEG, transparent in formats that have it.</summary>
    private static Image Letterbox(Image image, RenditionSpec spec, int width, int height)
    {
        var (boxWidth, boxHeight) = Box(spec, width, height);
        if (spec.Format == RenditionFormat.Jpeg)
        {
            using var opaque = Opaque(image);
            return opaque.Gravity(Enums.CompassDirection.Centre, boxWidth, boxHeight, extend: Enums.Extend.White);
        }

        using var withAlpha = image.HasAlpha() ? image.Copy() : image.Bandjoin(255);
        return withAlpha.Gravity(Enums.CompassDirection.Centre, boxWidth, boxHeight, extend: Enums.Extend.Background,
            background: new double[withAlpha.Bands]);
    }

    private static Image Opaque(Image image) => image.HasAlpha() ? image.Flatten(background: White) : image.Copy();

    private byte[] Save(Image image, RenditionSpec spec)
    {
        switch (spec.Format)
        {
            case RenditionFormat.Jpeg:
                using (var opaque = Opaque(image))
                {
                    return opaque.JpegsaveBuffer(q: spec.Quality, optimizeCoding: true, keep: Enums.ForeignKeep.None);
                }

            case RenditionFormat.Png:
                return image.PngsaveBuffer(keep: Enums.ForeignKeep.None);
            case RenditionFormat.Webp:
                return image.WebpsaveBuffer(q: spec.Quality, effort: 4, keep: Enums.ForeignKeep.None);
            default:
                return image.HeifsaveBuffer(q: spec.Quality, bitdepth: 8, compression: Enums.ForeignHeifCompression.Av1,
                    effort: avifEffort, keep: Enums.ForeignKeep.None);
        }
    }
}
