using System.Diagnostics;
using System.Globalization;

namespace Cms.Benchmarks;

/// <summary>The service as it runs in production: its own process from the Release build, Production settings.</summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly Timer _sampler;
    private long _peakRssKb;
    private long _windowPeakRssKb;

    private ServiceProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
    }

    public string BaseUrl { get; }

    public TimeSpan StartToReady { get; private set; }

    /// <summary>Whether the process ended by itself (a crash, or the kernel's OOM killer under a memory limit).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// Waits until the runtime's background compiler (the thread ".NET Tiered Com", which compiles hot methods again with
    /// full optimization) has used no CPU for a second, or <paramref name="limit"/> has passed; answers how long it waited
    /// and the compiler's CPU meanwhile. Fresh from start on two busy cores it compiles for tens of seconds, a third of the
    /// service's CPU in the first scenarios (perf, BENCHMARKS.md session 14): a running site is long past that.
    /// </summary>
    public async Task<(TimeSpan Waited, TimeSpan CompilerCpu)> WaitForTieredCompilationAsync(TimeSpan limit)
    {
        const string compiler = ".NET Tiered Com";
        var clock = Stopwatch.StartNew();
        var first = Cms.Benchmarks.CpuTime.OfThreads(_process.Id, compiler);
        var last = first;
        var quietSince = clock.Elapsed;
        while (clock.Elapsed < limit && clock.Elapsed - quietSince < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(250);
            var now = Cms.Benchmarks.CpuTime.OfThreads(_process.Id, compiler);
            if (now != last)
            {
                (last, quietSince) = (now, clock.Elapsed);
            }
        }

        return (clock.Elapsed, last - first);
    }

    /// <summary>The highest resident memory seen (sampled, and the kernel's own high-water mark).</summary>
    public double PeakMemoryMiB
    {
        get
        {
            Sample();
            return Math.Max(_peakRssKb, ReadStatusKb("VmHWM:")) / 1024.0;
        }
    }

    /// <summary>Resident memory now, read at once (a scenario sampling faster than the 250 ms timer).</summary>
    public double ResidentMiB => ReadStatusKb("VmRSS:") / 1024.0;

    /// <summary>The kernel's high-water mark of resident memory: exact, since the start or <see cref="ResetHighWater"/>.</summary>
    public double HighWaterMiB => ReadStatusKb("VmHWM:") / 1024.0;

    /// <summary>Starts the kernel's high-water mark again from the resident memory now (Linux: "5" to clear_refs).</summary>
    public void ResetHighWater() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    public static async Task<ServiceProcess> StartAsync(string repositoryRoot, string connectionString, int port, IReadOnlyDictionary<string, string> settings,
        MemoryLimit? memoryLimit = null)
    {
        var dll = Path.Combine(repositoryRoot, "src", "Cms.Api", "bin", "Release", "net10.0", "Cms.Api.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: run the benchmark with -c Release.");
        }

        var baseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var (fileName, arguments) = memoryLimit?.Wrap("dotnet", [dll]) ?? ("dotnet", [dll]);
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = false, RedirectStandardError = false };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["ConnectionStrings__Cms"] = connectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var clock = Stopwatch.StartNew();
        var service = new ServiceProcess(Process.Start(start)!, baseUrl);
        using var http = new HttpClient();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var ready = await http.GetAsync(baseUrl + "/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    service.StartToReady = clock.Elapsed;
                    return service;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20);
        }

        service.Dispose();
        throw new InvalidOperationException("The service did not become ready within a minute.");
    }

    public void Dispose()
    {
        _sampler.Dispose();
        if (!_process.HasExited)
        {
            // SIGTERM: a graceful stop, which flushes buffered views.
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            if (!_process.WaitForExit(15_000))
            {
                _process.Kill();
            }
        }

        _process.Dispose();
    }

    /// <summary>The highest resident memory sampled since the last call (a scenario's own peak), and starts a new window.</summary>
    public double TakeWindowPeakMiB()
    {
        Sample();
        return Interlocked.Exchange(ref _windowPeakRssKb, ReadStatusKb("VmRSS:")) / 1024.0;
    }

    private void Sample()
    {
        var rss = ReadStatusKb("VmRSS:");
        Raise(ref _peakRssKb, rss);
        Raise(ref _windowPeakRssKb, rss);
    }

    private static void Raise(ref long peak, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen)
        {
        }
    }

    private long ReadStatusKb(string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
