using System.Diagnostics;
using Cms.Api.Media.Storage;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests;

/// <summary>
/// Ceph's RADOS Gateway, a real S3 server, for the whole run: started by the first test that asks (deploy/radosgw/start.sh,
/// a one-node cluster in memory under a throw-away folder), stopped after the last. Each test takes a bucket of its own.
/// </summary>
// In the root test namespace, so that its teardown runs once after every fixture of the assembly.
[SetUpFixture]
public sealed class RadosGateway
{
    private static readonly string[] Binaries = ["/usr/bin/ceph-mon", "/usr/bin/ceph-osd", "/usr/bin/ceph", "/usr/bin/radosgw", "/usr/bin/radosgw-admin"];
    private static readonly string Scripts = Path.Combine(Repository.Root, "deploy", "radosgw");
    private static readonly Lazy<Task<Gateway>> Shared = new(StartAsync);

    /// <summary>Store options for a new, empty bucket on the run's gateway (created by the store at first use).</summary>
    public static async Task<S3StoreOptions> NewBucketAsync()
    {
        if (Binaries.FirstOrDefault(b => !File.Exists(b)) is { } missing)
        {
            Prerequisite.Missing($"Ceph's RADOS Gateway, {missing} missing (apt-get install --no-install-recommends radosgw ceph-mon ceph-osd ceph-common)", "CMS_REQUIRE_S3");
        }

        var gateway = await Shared.Value;
        return new S3StoreOptions
        {
            ServiceUrl = gateway.ServiceUrl,
            Bucket = "cms-test-" + Guid.NewGuid().ToString("N")[..12],
            AccessKey = gateway.AccessKey,
            SecretKey = gateway.SecretKey,
            ForcePathStyle = true,
        };
    }

    /// <summary>The service's configuration for the S3 store on <paramref name="store"/>'s bucket (for a <see cref="CmsApp"/>).</summary>
    public static Dictionary<string, string?> Settings(S3StoreOptions store) => new()
    {
        ["Cms:Media:Store"] = "s3",
        ["Cms:Media:S3:ServiceUrl"] = store.ServiceUrl,
        ["Cms:Media:S3:Bucket"] = store.Bucket,
        ["Cms:Media:S3:AccessKey"] = store.AccessKey,
        ["Cms:Media:S3:SecretKey"] = store.SecretKey,
    };

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (!Shared.IsValueCreated || !Shared.Value.IsCompletedSuccessfully)
        {
            return;
        }

        var gateway = await Shared.Value;
        await RunAsync("stop.sh", gateway.Folder);
        Directory.Delete(gateway.Folder, recursive: true);
    }

    private static async Task<Gateway> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("cms-radosgw-").FullName;
        var port = Loopback.FreePort();
        var started = Stopwatch.StartNew();
        var output = await RunAsync("start.sh", folder, port.ToString(), Loopback.FreePort().ToString());
        TestContext.Progress.WriteLine($"radosgw answering on 127.0.0.1:{port} after {started.Elapsed.TotalSeconds:0.0} s");
        var keys = output.Trim().Split(' ');
        return new Gateway($"http://127.0.0.1:{port}", keys[0], keys[1], folder);
    }

    /// <summary>Runs one of deploy/radosgw's scripts; its standard output, or an exception with everything it said.</summary>
    private static async Task<string> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Scripts, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The script's own deadline comes first, so that its failure says which daemon did not start.
        start.Environment["CMS_S3_START_SECONDS"] = "30";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stdout}{await stderr}");
        }

        return await stdout;
    }

    private sealed record Gateway(string ServiceUrl, string AccessKey, string SecretKey, string Folder);
}
