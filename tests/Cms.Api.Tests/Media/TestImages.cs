using System.Buffers.Binary;
using System.Text;
using NetVips;

namespace Cms.Api.Tests.Media;

/// <summary>Pictures made for a test, with NetVips, as uploads would bring them; and files that only pretend to be pictures.</summary>
public static class TestImages
{
    private static readonly double[] Red = [255, 0, 0];
    private static readonly double[] Blue = [0, 0, 255];

    /// <summary>A grey gradient, left to right: every encoder has something to compress.</summary>
    public static byte[] Jpeg(int width, int height)
    {
        using var image = Gradient(width, height);
        return image.JpegsaveBuffer(q: 90);
    }

    public static byte[] Png(int width, int height)
    {
        using var image = Gradient(width, height);
        return image.PngsaveBuffer();
    }

    /// <summary>The left half red, the right half blue (PNG, no alpha).</summary>
    public static byte[] HalfRedHalfBlue(int width, int height)
    {
        using var left = Image.Black(width / 2, height, bands: 3).NewFromImage(Red);
        using var right = Image.Black(width - (width / 2), height, bands: 3).NewFromImage(Blue);
        using var joined = left.Join(right, Enums.Direction.Horizontal);
        using var srgb = joined.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.PngsaveBuffer();
    }

    /// <summary>Noise, which no codec shrinks: renditions of a known, large size.</summary>
    public static byte[] NoisePng(int width, int height)
    {
        using var noise = Image.Gaussnoise(width, height, mean: 128, sigma: 60);
        using var bands = noise.Bandjoin(noise, noise).Cast(Enums.BandFormat.Uchar);
        using var srgb = bands.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.PngsaveBuffer(compression: 1);
    }

    /// <summary>
    /// A JPEG stored <paramref name="width"/> x <paramref name="height"/> with EXIF orientation 6 (shown rotated a
    /// quarter turn clockwise) and a GPS position, as a phone writes it.
    /// </summary>
    public static byte[] PhoneJpeg(int width, int height)
    {
        using var image = Gradient(width, height);
        using var tagged = image.Mutate(m =>
        {
            m.Set(GValue.BlobType, "exif-data", ExifWithOrientationAndGps(6));
            m.Set(GValue.GIntType, "orientation", 6);
        });
        return tagged.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.All);
    }

    /// <summary>Width and height of an encoded picture, read back.</summary>
    public static (int Width, int Height) Size(byte[] bytes)
    {
        using var image = Image.NewFromBuffer(bytes);
        return (image.Width, image.Height);
    }

    /// <summary>Width, height and the metadata fields of an encoded picture, read back.</summary>
    public static (int Width, int Height, string[] Fields, int Bands) Read(byte[] bytes)
    {
        using var image = Image.NewFromBuffer(bytes);
        return (image.Width, image.Height, image.GetFields(), image.Bands);
    }

    /// <summary>The average colour of a picture as (r, g, b).</summary>
    public static (double R, double G, double B) MeanColour(byte[] bytes)
    {
        using var image = Image.NewFromBuffer(bytes);
        using var rgb = image.HasAlpha() ? image.Flatten() : image.Copy();
        var stats = rgb.Stats();
        // Row 0 is all bands together; rows 1..n are the bands, column 4 their mean.
        return (stats[4, 1][0], stats[4, 2][0], stats[4, 3][0]);
    }

    /// <summary>The gradient of <paramref name="width"/> × <paramref name="height"/> in the given format (jpg, png, webp, avif, gif).</summary>
    public static byte[] Picture(string format, int width = 64, int height = 48)
    {
        using var picture = Gradient(width, height);
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

    private static Image Gradient(int width, int height)
    {
        using var x = Image.Xyz(width, height)[0];
        using var scaled = (x * (255.0 / Math.Max(1, width - 1))).Cast(Enums.BandFormat.Uchar);
        using var rgb = scaled.Bandjoin(scaled, scaled);
        return rgb.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>"Exif\0\0" and a big-endian TIFF: IFD0 with Orientation and a GPS IFD (latitude 22° 23' N, Lai Châu).</summary>
    private static byte[] ExifWithOrientationAndGps(ushort orientation)
    {
        var tiff = new byte[92];
        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 2);
        Entry(tiff, 10, 0x0112, 3, 1, (uint)orientation << 16);
        Entry(tiff, 22, 0x8825, 4, 1, 38);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(38), 2);
        Entry(tiff, 40, 0x0001, 2, 2, (uint)'N' << 24);
        Entry(tiff, 52, 0x0002, 5, 3, 68);
        foreach (var (i, value) in new[] { (0, 22u), (1, 23u), (2, 0u) })
        {
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(68 + (i * 8)), value);
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(72 + (i * 8)), 1);
        }

        return [.. "Exif\0\0"u8, .. tiff];
    }

    private static void Entry(byte[] tiff, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), tag);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at + 2), type);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + 4), count);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + 8), value);
    }
}
