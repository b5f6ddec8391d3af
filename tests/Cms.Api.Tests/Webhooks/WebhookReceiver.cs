using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cms.Api.Tests.Webhooks;

/// <summary>One POST a receiver got: its headers and body as sent, and whether the Standard Webhooks check passed.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, IHeaderDictionary Headers)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public string Type => Json["type"]!.GetValue<string>();

    public JsonObject Article => Json["data"]!["article"]!.AsObject();
}

/// <summary>
/// A real receiver: Kestrel on 127.0.0.1 at a port of its own (kept across <see cref="StopAsync"/> and <see cref="StartAsync"/>,
/// to stand for a receiver that is down, then up). <see cref="Answer"/> decides each answer; every request is recorded.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    private WebhookReceiver(int port) => Port = port;

    public int Port { get; }

    /// <summary>Where webhooks should POST; <paramref name="host"/> to reach it by another name (localhost).</summary>
    public string Url(string host = "127.0.0.1", string path = "/hook") => $"http://{host}:{Port}{path}";

    /// <summary>The answer to each request (default 204).</summary>
    public Func<ReceivedWebhook, HttpContext, Task> Answer { get; set; } = (_, http) =>
    {
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    };

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartNewAsync(bool listening = true)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var receiver = new WebhookReceiver(port);
        if (listening)
        {
            await receiver.StartAsync();
        }

        return receiver;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.Run(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = new HeaderDictionary(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value));
            var received = new ReceivedWebhook(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(),
                headers["webhook-signature"].ToString(), body, headers);
            _received.Enqueue(received);
            Interlocked.Exchange(ref _arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            await Answer(received, http);
        });
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Stops listening: connections are refused, as from a receiver that is down.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Waits (without polling) until at least <paramref name="count"/> requests have arrived; fails after <paramref name="seconds"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var arrived = Volatile.Read(ref _arrived).Task;
            if (_received.Count >= count)
            {
                return Received;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                Assert.Fail($"The receiver got {_received.Count} of {count} webhooks within {seconds} s: {string.Join(", ", Received.Select(r => r.Type))}");
            }

            await Task.WhenAny(arrived, Task.Delay(left));
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
