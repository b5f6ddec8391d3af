using System.Diagnostics;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Reader;

/// <summary>
/// Node.js, npm and Chromium, which the reader's tests need beside .NET. CI installs them and sets
/// <c>CMS_REQUIRE_FRONTEND_TOOLS=1</c>, so there a missing tool fails; on a machine without them the tests say what
/// to install and are skipped.
/// </summary>
internal static class FrontendTools
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool _installed;

    public static string OpenApiFolder { get; } = Path.Combine(Repository.Root, "openapi");

    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("CMS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static void RequireChromium()
    {
        if (!File.Exists(ChromiumPath))
        {
            Missing($"Chromium at {ChromiumPath} (apt-get install chromium, or set CMS_CHROMIUM)");
        }
    }

    /// <summary>Installs openapi/package.json's pinned tools once per run (npm ci), when they are not there yet.</summary>
    public static async Task RequireNpmPackagesAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (_installed)
            {
                return;
            }

            if (!await CanRunAsync("npm", "--version"))
            {
                Missing("Node.js and npm (apt-get install nodejs npm)");
            }

            if (!File.Exists(Path.Combine(OpenApiFolder, "node_modules", "typescript", "bin", "tsc")))
            {
                var (code, output) = await RunAsync("npm", "ci --no-audit --no-fund", OpenApiFolder, TimeSpan.FromMinutes(5));
                Assert.That(code, Is.Zero, "npm ci in openapi/ failed:\n" + output);
            }

            _installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Runs a package's command-line script with node, in openapi/.</summary>
    public static Task<(int ExitCode, string Output)> NodeAsync(string script, string arguments) =>
        RunAsync("node", $"{script} {arguments}", OpenApiFolder, TimeSpan.FromMinutes(2));

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} ran past {timeout}.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static async Task<bool> CanRunAsync(string file, string arguments)
    {
        try
        {
            return (await RunAsync(file, arguments, Repository.Root, TimeSpan.FromSeconds(30))).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void Missing(string what) => Prerequisite.Missing(what, "CMS_REQUIRE_FRONTEND_TOOLS");
}
