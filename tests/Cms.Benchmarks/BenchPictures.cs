using NetVips;

namespace Cms.Benchmarks;

/// <summary>
/// The media scenarios' pictures, drawn by libvips (nothing downloaded): a colour gradient with Gaussian noise in each
/// band. Noise is what keeps a JPEG at a photo's size (a plain gradient would be a few KB); its strength is chosen per
/// picture so the file lands near the size a camera or phone gives. Seeded: the same bytes every run.
/// </summary>
internal static class BenchPictures
{
    /// <summary>An upload as a phone sends it: 2400 × 1600 at q 92, about 3 MB.</summary>
    public static byte[] Upload() => Draw(2400, 1600, sigma: 13, quality: 92, seed: 1);

    /// <summary>A 12-megapixel camera JPEG, 4000 × 3000 at q 92, about 5 MB; decoded, 36 MB of RGB.</summary>
    public static byte[] TwelveMegapixel() => Draw(4000, 3000, sigma: 6, quality: 92, seed: 2);

    /// <summary>A library item's original: 1200 × 800 at q 85, about 190 KB; its 800 px WebP about 37 KB.</summary>
    public static byte[] LibraryPhoto(int seed) => Draw(1200, 800, sigma: 10, quality: 85, seed: 100 + seed);

    private static byte[] Draw(int width, int height, double sigma, int quality, int seed)
    {
        using var xy = Image.Xyz(width, height);
        using var x = xy[0];
        using var y = xy[1];
        // The seed also tilts the gradient, so library photos differ in colour as well as in noise.
        var tilt = seed % 7 * 10.0;
        using var red = x * (200.0 / width) + (30 + tilt);
        using var green = y * (180.0 / height) + (40 + tilt / 2);
        using var blue = (x + y) * (120.0 / (width + height)) + (90 - tilt);
        using var gradient = red.Bandjoin(green, blue);
        using var noiseRed = Image.Gaussnoise(width, height, mean: 0, sigma: sigma, seed: seed * 3);
        using var noiseGreen = Image.Gaussnoise(width, height, mean: 0, sigma: sigma, seed: seed * 3 + 1);
        using var noiseBlue = Image.Gaussnoise(width, height, mean: 0, sigma: sigma, seed: seed * 3 + 2);
        using var noise = noiseRed.Bandjoin(noiseGreen, noiseBlue);
        using var sum = gradient + noise;
        using var bytes = sum.Cast(Enums.BandFormat.Uchar);
        using var picture = bytes.Copy(interpretation: Enums.Interpretation.Srgb);
        return picture.JpegsaveBuffer(q: quality);
    }
}
