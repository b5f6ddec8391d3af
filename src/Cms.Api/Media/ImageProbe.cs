using System.Text;
using NetVips;

namespace Cms.Api.Media;

/// <summary>What an uploaded file turned out to be, decided from its bytes.</summary>
public sealed record ProbedImage(string ContentType, string Extension, int Width, int Height);

/// <summary>Why an upload was refused: 415 for a file that is not one of the accepted kinds, 400 for a picture that is unusable.</summary>
public sealed record ProbeRefusal(bool Unsupported, string Detail);

/// <summary>
/// Decides an upload's type by reading it, never by its name or the client's Content-Type: the signature must be one of
/// the accepted formats, libvips must load it with that format's loader, the header's size must be within the pixel
/// limit (checked before decoding: a 100,000 × 100,000 header is refused unread), and every pixel must then decode.
/// </summary>
internal static class ImageProbe
{
    // Text that makes a picture something else too (a page, a script, a document) when a browser or tool sniffs it.
    private static readonly byte[][] ForeignMarkers =
        [.. new[] { "<script", "<html", "<svg", "<?php", "<!doctype", "<iframe", "%PDF-" }.Select(Encoding.ASCII.GetBytes)];

    public static ProbeRefusal? Refusal(string path, long maxPixels, out ProbedImage? image)
    {
        image = null;
        var kind = Signature(path);
        if (kind is null)
        {
            return new ProbeRefusal(true, "Upload a JPEG, PNG, WebP, AVIF or GIF picture; this file is none of them.");
        }

        if (kind.Value.ContentType == "image/heic")
        {
            return new ProbeRefusal(true, "HEIC (HEVC) pictures cannot be decoded here: export the photo as JPEG (the default on most phones' share sheets).");
        }

        if (ContainsForeignContent(path))
        {
            return new ProbeRefusal(true, "The file is a picture and also something else (a web page, a script or a PDF); upload a plain picture.");
        }

        try
        {
            using var header = Image.NewFromFile(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
            var loader = header.Contains("vips-loader") ? (string)header.Get("vips-loader") : "";
            if (!loader.StartsWith(kind.Value.Loader, StringComparison.Ordinal))
            {
                return new ProbeRefusal(true, "The file's contents do not match the picture format it starts as.");
            }

            if (kind.Value.ContentType == "image/avif" && header.Contains("heif-compression") && (string)header.Get("heif-compression") != "av1")
            {
                return new ProbeRefusal(true, "HEIC (HEVC) pictures cannot be decoded here: export the photo as JPEG.");
            }

            if ((long)header.Width * header.Height > maxPixels)
            {
                return new ProbeRefusal(false, $"The picture is {header.Width} × {header.Height} pixels; at most {maxPixels:N0} pixels are accepted.");
            }

            // Decoding every pixel (sequentially, in little memory) is what finds a truncated or corrupt file.
            _ = header.Avg();
            image = new ProbedImage(kind.Value.ContentType, kind.Value.Extension, header.Width, header.Height);
            return null;
        }
        catch (VipsException e)
        {
            return new ProbeRefusal(false, "The picture does not decode: " + FirstLine(e.Message));
        }
    }

    private readonly record struct Kind(string ContentType, string Extension, string Loader);

    private static Kind? Signature(string path)
    {
        Span<byte> head = stackalloc byte[64];
        using (var file = File.OpenRead(path))
        {
            head = head[..file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        }

        if (head is [0xFF, 0xD8, 0xFF, ..])
        {
            return new Kind("image/jpeg", "jpg", "jpegload");
        }

        if (head is [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..])
        {
            return new Kind("image/png", "png", "pngload");
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return new Kind("image/gif", "gif", "gifload");
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return new Kind("image/webp", "webp", "webpload");
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            // The main brand and the compatible ones after the minor version: an AVIF may be "mif1" with "avif" among them.
            var box = head[..Math.Min(head.Length, (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head))];
            var brands = new List<string> { Encoding.ASCII.GetString(head[8..12]) };
            for (var at = 16; at + 4 <= box.Length; at += 4)
            {
                brands.Add(Encoding.ASCII.GetString(box[at..(at + 4)]));
            }

            if (brands.Any(b => b is "avif" or "avis"))
            {
                return new Kind("image/avif", "avif", "heifload");
            }

            return brands.Any(b => b is "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx" or "mif1" or "msf1")
                ? new Kind("image/heic", "heic", "heifload")
                : null;
        }

        return null;
    }

    /// <summary>
    /// Looks at the file's first and last 4 KiB, ignoring case: where sniffing browsers and tools look, and where a page is
    /// put in or after a picture. Not the compressed pixels between, which hold any 4 bytes by chance (1 to 4 in 100 photos
    /// of 20 MB would hold a "&lt;svg"); the original is never served as it is anyway, only renditions made from it.
    /// </summary>
    private static bool ContainsForeignContent(string path)
    {
        const int Edge = 4096;
        using var file = File.OpenRead(path);
        var head = new byte[(int)Math.Min(Edge, file.Length)];
        file.ReadExactly(head);
        var tail = new byte[(int)Math.Min(Edge, Math.Max(0, file.Length - head.Length))];
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        return ForeignMarkers.Any(marker => IndexOfIgnoringCase(head, marker) >= 0 || IndexOfIgnoringCase(tail, marker) >= 0);
    }

    private static int IndexOfIgnoringCase(ReadOnlySpan<byte> block, byte[] marker)
    {
        for (var at = block.IndexOfAny(marker[0], (byte)char.ToUpperInvariant((char)marker[0])); at >= 0 && at <= block.Length - marker.Length;)
        {
            if (Ascii.EqualsIgnoreCase(block.Slice(at, marker.Length), marker))
            {
                return at;
            }

            var next = block[(at + 1)..].IndexOfAny(marker[0], (byte)char.ToUpperInvariant((char)marker[0]));
            at = next < 0 ? -1 : at + 1 + next;
        }

        return -1;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
