namespace Cms.Api.Tests.Infrastructure;

/// <summary>
/// Outside tools a test needs (Chromium, nginx, Ceph): missing, the test is skipped with what to install, unless the
/// named variable is 1, as CI sets it, where a missing tool is a failure.
/// </summary>
internal static class Prerequisite
{
    public static void Missing(string what, string requiredWhen)
    {
        var message = $"Needs {what}.";
        if (Environment.GetEnvironmentVariable(requiredWhen) == "1")
        {
            Assert.Fail($"{message} ({requiredWhen}=1)");
        }

        Assert.Ignore(message);
    }
}
