using System.Globalization;

namespace Cms.Benchmarks;

/// <summary>
/// Command line: <c>--articles</c>, <c>--seconds</c>, <c>--connections</c>, <c>--only a,b</c>, <c>--env NAME=VALUE</c>
/// (repeatable) for the service, <c>--database NAME</c> (default bench_ARTICLES) to keep builds with other schemas apart,
/// <c>--memory-limit MIB</c> to run the service under a hard memory limit, and <c>--chart FILE</c> for the run's SVG chart.
/// </summary>
internal sealed record BenchOptions(int Articles, int Seconds, int Connections, IReadOnlySet<string> Only, IReadOnlyDictionary<string, string> Environment,
    string Database, int? MemoryLimitMegabytes, string? Chart)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(
            Number("--articles", 100_000),
            Number("--seconds", 10),
            Number("--connections", 32),
            (Value("--only") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(),
            args.Select((a, i) => (a, i)).Where(p => p.a == "--env" && p.i + 1 < args.Length).Select(p => args[p.i + 1].Split('=', 2))
                .Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]),
            Value("--database") ?? $"bench_{Number("--articles", 100_000)}",
            Value("--memory-limit") is { } limit ? int.Parse(limit, CultureInfo.InvariantCulture) : null,
            Value("--chart"));
    }
}

internal static class BuilderExtensions
{
    /// <summary>Configures a builder inline and hands it on.</summary>
    public static T Also<T>(this T builder, Action<T> configure)
    {
        configure(builder);
        return builder;
    }
}
