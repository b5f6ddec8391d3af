using NetVips;

namespace Cms.Api.Startup;

/// <summary>
/// Photos for the sample articles, drawn by libvips at first start (nothing is downloaded): a conference room with a
/// banner, rows of delegates and a table; a school on a hillside; a festival ground with flags. Plain shapes, real JPEGs.
/// </summary>
internal static class SamplePictures
{
    public const int Width = 1600;
    public const int Height = 1000;

    public static byte[] ConferenceRoom() => Draw(sky: [226, 214, 196], ground: [120, 84, 60], scene =>
    {
        scene.DrawRect([178, 24, 32], 300, 90, 1000, 170, fill: true);
        scene.DrawRect([250, 214, 80], 320, 110, 960, 14, fill: true);
        scene.DrawRect([92, 58, 38], 200, 420, 1200, 90, fill: true);
        for (var row = 0; row < 3; row++)
        {
            for (var seat = 0; seat < 12; seat++)
            {
                var x = 150 + seat * 115 + row * 20;
                var y = 600 + row * 130;
                scene.DrawCircle([40, 32, 30], x, y, 34, fill: true);
                scene.DrawRect([row % 2 == 0 ? 30 : 210, row % 2 == 0 ? 50 : 210, row % 2 == 0 ? 90 : 215], x - 48, y + 34, 96, 80, fill: true);
            }
        }
    });

    public static byte[] HillSchool() => Draw(sky: [150, 196, 236], ground: [84, 140, 64], scene =>
    {
        scene.DrawCircle([250, 220, 120], 1350, 170, 90, fill: true);
        scene.DrawRect([236, 200, 120], 450, 430, 700, 260, fill: true);
        scene.DrawRect([170, 40, 40], 420, 380, 760, 60, fill: true);
        for (var window = 0; window < 5; window++)
        {
            scene.DrawRect([90, 130, 170], 500 + window * 130, 490, 80, 90, fill: true);
        }

        scene.DrawRect([120, 80, 50], 770, 600, 70, 90, fill: true);
    });

    public static byte[] FestivalGround() => Draw(sky: [246, 206, 150], ground: [196, 160, 96], scene =>
    {
        double[][] colours = [[210, 40, 40], [250, 200, 40], [40, 120, 200], [60, 160, 80]];
        for (var flag = 0; flag < 14; flag++)
        {
            scene.DrawRect(colours[flag % colours.Length], 60 + flag * 110, 140 + (flag % 2) * 30, 70, 46, fill: true);
        }

        for (var person = 0; person < 40; person++)
        {
            var x = 80 + person * 37;
            var y = 700 + (person * 53 % 140);
            scene.DrawCircle([50, 36, 30], x, y, 16, fill: true);
            scene.DrawRect(colours[person % colours.Length], x - 18, y + 16, 36, 60, fill: true);
        }
    });

    /// <summary>Sky above and ground below a horizon two fifths down, a soft gradient in each, then the scene's shapes.</summary>
    private static byte[] Draw(double[] sky, double[] ground, Action<MutableImage> scene)
    {
        using var xy = Image.Xyz(Width, Height);
        using var y = xy[1];
        using var shade = 1.0 - y / (Height * 2.5);
        using var horizon = y < Height * 0.4;
        using var skyColour = shade * sky;
        using var groundColour = shade * ground;
        using var backdrop = horizon.Ifthenelse(skyColour, groundColour).Cast(Enums.BandFormat.Uchar);
        using var picture = backdrop.Mutate(scene);
        return picture.JpegsaveBuffer(q: 82, optimizeCoding: true);
    }
}
