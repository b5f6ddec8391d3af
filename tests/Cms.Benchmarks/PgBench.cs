using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Cms.Benchmarks;

/// <summary>
/// The ceiling: PostgreSQL alone answering one primary-key select per transaction (<c>pgbench -S</c>), on the same
/// machine, in the same run, with the same number of connections. Read scenarios are reported against it because
/// absolute figures on shared machines move from run to run.
/// </summary>
internal static partial class PgBench
{
    public static double SelectOnly(string binDirectory, string connectionString, int connections, int seconds)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var environment = new Dictionary<string, string?>
        {
            ["PGHOST"] = builder.Host,
            ["PGPORT"] = builder.Port.ToString(CultureInfo.InvariantCulture),
            ["PGUSER"] = builder.Username,
            ["PGPASSWORD"] = builder.Password,
            ["PGDATABASE"] = builder.Database,
        };
        if (!TablesExist(connectionString))
        {
            Run(binDirectory, environment, ["-i", "-q", "-s", "10"]);
        }

        var output = Run(binDirectory, environment, ["-S", "-M", "prepared", "-n", "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture)]);
        var match = Tps().Match(output);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("pgbench gave no tps: " + output);
    }

    private static bool TablesExist(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT to_regclass('pgbench_accounts') IS NOT NULL", connection);
        return (bool)command.ExecuteScalar()!;
    }

    private static string Run(string binDirectory, Dictionary<string, string?> environment, string[] arguments)
    {
        // Next to the server binaries when they are a full installation; else whatever pgbench is on PATH.
        var pgbench = File.Exists(Path.Combine(binDirectory, "pgbench")) ? Path.Combine(binDirectory, "pgbench") : "pgbench";
        var start = new ProcessStartInfo(pgbench, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException("pgbench failed: " + output);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
