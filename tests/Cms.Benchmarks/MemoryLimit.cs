using System.Globalization;

namespace Cms.Benchmarks;

/// <summary>
/// A hard memory limit for the service, as a container has: a cgroup v1 memory group of its own (a container runtime
/// would set v2's <c>memory.max</c>; the runtime reads either), entered before the service starts, so all it ever
/// allocates is charged to it. Says afterwards how close it came and whether the kernel killed anything.
/// </summary>
internal sealed class MemoryLimit : IDisposable
{
    private const string Root = "/sys/fs/cgroup/memory";
    private readonly string _group;

    private MemoryLimit(string group, int megabytes)
    {
        _group = group;
        Megabytes = megabytes;
    }

    public int Megabytes { get; }

    public static MemoryLimit Create(int megabytes)
    {
        if (!File.Exists(Path.Combine(Root, "memory.limit_in_bytes")))
        {
            throw new InvalidOperationException($"--memory-limit needs the cgroup v1 memory controller, writable at {Root}.");
        }

        var group = Path.Combine(Root, "cms-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(group);
        File.WriteAllText(Path.Combine(group, "memory.limit_in_bytes"), (megabytes * 1024L * 1024L).ToString(CultureInfo.InvariantCulture));
        // No swap to hide in, where the kernel accounts it.
        var swap = Path.Combine(group, "memory.memsw.limit_in_bytes");
        if (File.Exists(swap))
        {
            File.WriteAllText(swap, (megabytes * 1024L * 1024L).ToString(CultureInfo.InvariantCulture));
        }

        return new MemoryLimit(group, megabytes);
    }

    /// <summary>The command line that joins the group and then becomes <paramref name="fileName"/> (the same process id).</summary>
    public (string FileName, string[] Arguments) Wrap(string fileName, IEnumerable<string> arguments) =>
        ("/bin/sh", ["-c", $"echo $$ > {_group}/cgroup.procs && exec \"$0\" \"$@\"", fileName, .. arguments]);

    /// <summary>The group's peak, how often it hit the limit, and the kernel's OOM kills in it.</summary>
    public string Report()
    {
        var peak = long.Parse(File.ReadAllText(Path.Combine(_group, "memory.max_usage_in_bytes")).Trim(), CultureInfo.InvariantCulture) / 1048576.0;
        var hits = File.ReadAllText(Path.Combine(_group, "memory.failcnt")).Trim();
        var kills = File.ReadLines(Path.Combine(_group, "memory.oom_control")).FirstOrDefault(l => l.StartsWith("oom_kill ", StringComparison.Ordinal))
            ?.Split(' ')[1] ?? "unknown";
        return string.Create(CultureInfo.InvariantCulture,
            $"memory limit {Megabytes} MiB (cgroup v1): peak {peak:F0} MiB charged (page cache included), limit reached {hits} times, OOM kills {kills}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_group);
        }
        catch (IOException)
        {
            // A process still in it (the service did not stop): the group stays, named after this run.
        }
    }
}
