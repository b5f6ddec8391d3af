using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Cms.Api.Tests.Webhooks;

/// <summary>
/// The service as a real process, killed with SIGKILL while an event waits to be delivered: the next start delivers it,
/// with the same webhook-id. The fixture's in-memory service only writes (its delivery is off), so the process delivers.
/// </summary>
public sealed class WebhookCrashTests : WebhookTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Cms:Webhooks:DeliveryEnabled"] = "false",
    };

    [Test]
    public async Task AnEventCommittedBeforeACrashIsDeliveredAfterTheRestartWithTheSameId()
    {
        await using var receiver = await WebhookReceiver.StartNewAsync();
        var first = new TaskCompletionSource();
        receiver.Answer = async (_, http) =>
        {
            // The first attempt gets no answer: the service is killed while it waits, after sending, before recording.
            if (receiver.Received.Count == 1)
            {
                first.TrySetResult();
                await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            http.Response.StatusCode = StatusCodes.Status204NoContent;
        };
        var (webhook, secret) = await CreateWebhookAsync(receiver.Url());
        await PublishAsync();
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM webhook_messages WHERE state = 'pending'"), Is.EqualTo(1), "committed, not delivered");

        var folder = Directory.CreateTempSubdirectory("cms-crash-").FullName;
        try
        {
            using (var doomed = StartService(folder))
            {
                await first.Task.WaitAsync(TimeSpan.FromSeconds(60));
                doomed.Kill();
                await doomed.WaitForExitAsync();
            }

            using var restarted = StartService(folder);
            try
            {
                var received = await receiver.WaitForAsync(2, seconds: 60);
                await LoggedAsync(webhook, 1);

                using (Assert.EnterMultipleScope())
                {
                    Assert.That(received[1].Id, Is.EqualTo(received[0].Id), "the same webhook-id: receivers de-duplicate by it");
                    Assert.That(Verifies(received[1], secret), Is.True);
                    Assert.That(await ScalarAsync<string>("SELECT state FROM webhook_messages"), Is.EqualTo("delivered"));
                }
            }
            finally
            {
                restarted.Kill();
                await restarted.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The built service, <c>dotnet Cms.Api.dll</c>, on this fixture's database; a short claim so the test need not wait a minute.</summary>
    private Process StartService(string folder)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Cms.Api.dll"));
        start.Environment["ConnectionStrings__Cms"] = ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Cms__Media__LocalPath"] = Path.Combine(folder, "media");
        start.Environment["Cms__Media__RenditionCachePath"] = Path.Combine(folder, "renditions");
        start.Environment["Cms__Webhooks__AllowPrivateTargets"] = "true";
        start.Environment["Cms__Webhooks__TimeoutSeconds"] = "3";
        start.Environment["Cms__Webhooks__LeaseSeconds"] = "4";
        start.Environment["Cms__Webhooks__PollSeconds"] = "1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => TestContext.Progress.WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) => TestContext.Progress.WriteLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
