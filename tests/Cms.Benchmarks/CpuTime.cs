using System.Globalization;

namespace Cms.Benchmarks;

/// <summary>
/// CPU time spent by PostgreSQL (the postmaster, its live children, and the children it has reaped) and by processes,
/// read from /proc: what a scenario costs each side, whatever else the machine is doing.
/// </summary>
internal static class CpuTime
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static TimeSpan OfPostgres(string dataDirectory)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var total = Ticks(postmaster, withReapedChildren: true);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && pid != postmaster && Stat(pid) is { } fields && fields[1] == postmaster.ToString(CultureInfo.InvariantCulture))
            {
                total += Ticks(pid, withReapedChildren: false);
            }
        }

        return TimeSpan.FromSeconds(total / TicksPerSecond);
    }

    /// <summary>CPU time of the process's threads of this name (/proc/PID/task/TID/comm), summed; zero when there are none.</summary>
    public static TimeSpan OfThreads(int pid, string name)
    {
        long total = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == name)
                    {
                        total += Ticks(Path.Combine(task, "stat"), withReapedChildren: false);
                    }
                }
                catch (IOException)
                {
                    // The thread ended meanwhile.
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromSeconds(total / TicksPerSecond);
    }

    private static long Ticks(int pid, bool withReapedChildren) => Ticks($"/proc/{pid}/stat", withReapedChildren);

    private static long Ticks(string statFile, bool withReapedChildren)
    {
        if (Stat(statFile) is not { } fields)
        {
            return 0;
        }

        // After "pid (comm)": state is [0], ppid [1], ... utime [11], stime [12], cutime [13], cstime [14].
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return withReapedChildren ? ticks + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture) : ticks;
    }

    private static string[]? Stat(int pid) => Stat($"/proc/{pid}/stat");

    private static string[]? Stat(string statFile)
    {
        try
        {
            var text = File.ReadAllText(statFile);
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
