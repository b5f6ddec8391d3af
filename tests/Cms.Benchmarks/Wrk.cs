using System.Diagnostics;
using System.Text.Json;

namespace Cms.Benchmarks;

/// <summary>What one wrk run measured (latencies in microseconds).</summary>
internal sealed record WrkResult(long Requests, long DurationUs, double P50, double P95, double P99, long Status, long Connect, long Read, long Write, long Timeout)
{
    public double PerSecond => Requests / (DurationUs / 1_000_000.0);

    public long Errors => Status + Connect + Read + Write + Timeout;
}

/// <summary>
/// Runs Debian's wrk with a Lua script that rotates over a file of paths (so caches see a realistic spread, not one
/// hot URL) and prints its figures as one JSON line from wrk's done() hook.
/// </summary>
internal static class Wrk
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Common =
        """
        local paths = {}
        local i = 0
        function init(args)
          for line in io.lines(args[1]) do paths[#paths + 1] = line end
          math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
          i = math.random(#paths)
        end
        function done(summary, latency, requests)
          io.write(string.format('\n{"requests":%d,"durationUs":%d,"p50":%.1f,"p95":%.1f,"p99":%.1f,"status":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d}\n',
            summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
            summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
        end
        """;

    public const string Get =
        """
        function request()
          i = i % #paths + 1
          return wrk.format("GET", paths[i])
        end
        """;

    public const string GetBrotli =
        """
        local headers = { ["Accept-Encoding"] = "br" }
        function request()
          i = i % #paths + 1
          return wrk.format("GET", paths[i], headers)
        end
        """;

    public const string PostEmpty =
        """
        function request()
          i = i % #paths + 1
          return wrk.format("POST", paths[i], nil, "")
        end
        """;

    public const string PostRating =
        """
        local headers = { ["Content-Type"] = "application/json" }
        function request()
          i = i % #paths + 1
          local body = string.format('{"score":%d,"raterId":"%08x-%04x-4%03x-8%03x-%04x%08x"}', math.random(1, 5),
            math.random(0, 0x7fffffff), math.random(0, 0xffff), math.random(0, 0xfff), math.random(0, 0xfff),
            math.random(0, 0xffff), math.random(0, 0x7fffffff))
          return wrk.format("POST", paths[i], headers, body)
        end
        """;

    public const string PostSignIn =
        """
        local headers = { ["Content-Type"] = "application/json" }
        function request()
          local body = string.format('{"username":"flood-%d","password":"not-the-password"}', math.random(1, 1000000))
          return wrk.format("POST", paths[1], headers, body)
        end
        """;

    public static WrkResult Run(string baseUrl, IReadOnlyList<string> paths, string requestScript, int connections, int seconds, string workDirectory)
    {
        var name = Guid.NewGuid().ToString("N")[..8];
        var pathFile = Path.Combine(workDirectory, name + ".paths");
        var scriptFile = Path.Combine(workDirectory, name + ".lua");
        File.WriteAllLines(pathFile, paths);
        File.WriteAllText(scriptFile, Common + "\n" + requestScript);

        var start = new ProcessStartInfo("wrk", ["-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "5s", "-s", scriptFile, baseUrl, "--", pathFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk).");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var json = output.Split('\n').LastOrDefault(l => l.StartsWith("{\"requests\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk gave no result: {output} {error}");
        return JsonSerializer.Deserialize<WrkResult>(json, Json)!;
    }
}
