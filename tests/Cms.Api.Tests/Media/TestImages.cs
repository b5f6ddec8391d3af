using System.Text;
using NetVips;

namespace Cms.Api.Tests.Media;

/// <summary>Pictures made by libvips for the tests, and files that only pretend to be pictures.</summary>
internal static class TestImages
{
    /// <summary>A gradient of <paramref name="width"/> × <paramref name="height"/> in the given format (jpg, png, webp, avif, gif).</summary>
    public static byte[] Picture(string format, int width = 64, int height = 48)
    {
        using var x = Image.Xyz(width, height);
        using var red = x[0] * (255.0 / Math.Max(width - 1, 1));
        using var green = x[1] * (255.0 / Math.Max(height - 1, 1));
        using var blue = Image.Black(width, height) + 128;
        using var picture = red.Bandjoin(green, blue).Cast(Enums.BandFormat.Uchar);
        return picture.WriteToBuffer("." + format);
    }

    /// <summary>A real JPEG whose frame header claims <paramref name="side"/> × <paramref name="side"/> pixels: a decompression bomb's header.</summary>
    public static byte[] JpegClaiming(int side)
    {
        var bytes = Picture("jpg");
        for (var i = 2; i < bytes.Length - 9; i++)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] is 0xC0 or 0xC2)
            {
                (bytes[i + 5], bytes[i + 6], bytes[i + 7], bytes[i + 8]) = ((byte)(side >> 8), (byte)side, (byte)(side >> 8), (byte)side);
                return bytes;
            }
        }

        throw new InvalidOperationException("No frame header in the JPEG.");
    }

    /// <summary>The first half of a JPEG: its header reads, its pixels do not.</summary>
    public static byte[] TruncatedJpeg() => Picture("jpg", 256, 256)[..600];

    public static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Svg() => Encoding.UTF8.GetBytes("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>""");

    public static byte[] Html() => Encoding.UTF8.GetBytes("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");

    /// <summary>A JPEG with a web page after its end: a picture to an image decoder, a page to a browser that sniffs.</summary>
    public static byte[] JpegWithPage() => [.. Picture("jpg"), .. Html()];

    /// <summary>The start of an iPhone photo: an HEIF file with HEVC inside.</summary>
    public static byte[] HeicHeader() => [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, .. new byte[64]];
}
