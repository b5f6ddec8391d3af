using System.Globalization;

namespace Cms.Benchmarks;

internal sealed record BenchOptions(int Articles, int Seconds, int Connections, IReadOnlySet<string> Only)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(
            Number("--articles", 100_000),
            Number("--seconds", 10),
            Number("--connections", 32),
            (Value("--only") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet());
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
