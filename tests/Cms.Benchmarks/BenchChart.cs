using System.Globalization;
using System.Security;
using System.Text;

namespace Cms.Benchmarks;

/// <summary>
/// The run as a picture: per read scenario, its rate over pgbench -S and over nginx serving the same bytes, with the
/// targets the performance issue set drawn as marks on each row. Plain SVG, no script, no fonts fetched.
/// </summary>
internal static class BenchChart
{
    public sealed record Bar(string Scenario, double OverPgBench, double? OverNginx);

    /// <summary>The targets: each scenario's ratio to nginx (kept reads) or to pgbench -S (cold reads, the kept article).</summary>
    private static readonly Dictionary<string, (double? Nginx, double? PgBench)> Targets = new()
    {
        ["article"] = (0.9, 1.0),
        ["list"] = (0.8, null),
        ["list-filtered"] = (0.8, null),
        ["list-deep"] = (0.8, null),
        ["sync"] = (0.8, null),
        ["search"] = (0.7, null),
        ["search-common"] = (0.7, null),
        ["cold"] = (null, 0.2),
    };

    private const int Left = 150;
    private const int Width = 520;
    private const int Row = 34;
    private const int Top = 48;

    public static string Svg(string title, IReadOnlyList<Bar> bars)
    {
        var max = Math.Max(1.5, Math.Ceiling(bars.Max(b => Math.Max(b.OverPgBench, b.OverNginx ?? 0)) * 2) / 2);
        double X(double ratio) => Left + ratio / max * Width;
        var height = Top + bars.Count * Row + 40;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Left + Width + 40}" height="{height}" font-family="sans-serif" font-size="12">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="100%" height="100%" fill="white"/><text x="10" y="18" font-size="14">{SecurityElement.Escape(title)}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{Left}" y="26" width="10" height="10" fill="#4a7fb5"/><text x="{Left + 14}" y="35">× pgbench -S</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{Left + 110}" y="26" width="10" height="10" fill="#e08a2c"/><text x="{Left + 124}" y="35">× nginx, same bytes</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + 260}" y="35">| target</text>""");
        for (var tick = 0.0; tick <= max + 1e-9; tick += 0.5)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"""<line x1="{X(tick):F1}" y1="{Top - 4}" x2="{X(tick):F1}" y2="{Top + bars.Count * Row}" stroke="#ddd"/><text x="{X(tick):F1}" y="{Top + bars.Count * Row + 16}" text-anchor="middle">{tick:0.0}×</text>""");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var (bar, y) = (bars[i], Top + i * Row);
            var target = Targets.GetValueOrDefault(bar.Scenario);
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 8}" y="{y + 18}" text-anchor="end">{SecurityElement.Escape(bar.Scenario)}</text>""");
            Append(svg, X(0), y + 3, X(bar.OverPgBench) - X(0), "#4a7fb5", bar.OverPgBench, target.PgBench is { } p ? X(p) : null);
            if (bar.OverNginx is { } nginx)
            {
                Append(svg, X(0), y + 16, X(nginx) - X(0), "#e08a2c", nginx, target.Nginx is { } n ? X(n) : null);
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static void Append(StringBuilder svg, double x, double y, double width, string colour, double ratio, double? targetX)
    {
        svg.Append(CultureInfo.InvariantCulture,
            $"""<rect x="{x:F1}" y="{y:F1}" width="{Math.Max(width, 1):F1}" height="11" fill="{colour}"/><text x="{x + width + 4:F1}" y="{y + 10:F1}" font-size="10">{ratio:F2}</text>""");
        if (targetX is { } t)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{t:F1}" y1="{y - 2:F1}" x2="{t:F1}" y2="{y + 13:F1}" stroke="#c00" stroke-width="2"/>""");
        }
    }
}
