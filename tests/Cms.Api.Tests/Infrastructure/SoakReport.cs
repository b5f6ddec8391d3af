using System.Globalization;

namespace Cms.Api.Tests.Infrastructure;

/// <summary>
/// One line per long-running check (fuzz, faults) for the summary table `.ci/soak` prints; the file is named by
/// <c>CMS_SOAK_REPORT</c>. Without it the line only goes to the test's output.
/// </summary>
internal static class SoakReport
{
    private static readonly Lock Gate = new();

    public static void Add(string check, long requests, long fiveXx, long lostWrites, TimeSpan? recovery)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{check}\t{requests}\t{fiveXx}\t{lostWrites}\t{(recovery is { } r ? $"{r.TotalMilliseconds:0} ms" : "-")}");
        TestContext.Out.WriteLine(line);
        if (Environment.GetEnvironmentVariable("CMS_SOAK_REPORT") is { Length: > 0 } file)
        {
            lock (Gate)
            {
                File.AppendAllText(file, line + Environment.NewLine);
            }
        }
    }
}
