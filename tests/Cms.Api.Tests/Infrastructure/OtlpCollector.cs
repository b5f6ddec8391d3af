using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Cms.Api.Tests.Infrastructure;

/// <summary>
/// Stands for an OpenTelemetry collector on loopback: takes OTLP exports over HTTP (POST /v1/traces) or gRPC (HTTP/2
/// without TLS) and keeps each request's path and body. Protobuf carries strings as their UTF-8 bytes, so a test
/// can look for a service name or a route in the body without the OTLP types.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WebApplication _app;

    private OtlpCollector(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    /// <summary>Waits (without polling) for an export whose body, read as UTF-8, contains <paramref name="text"/>.</summary>
    public async Task<(string Path, string Body)> WaitForAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var arrived = Volatile.Read(ref _arrived).Task;
            foreach (var (path, body) in _exports)
            {
                var decoded = Encoding.UTF8.GetString(body);
                if (decoded.Contains(text, StringComparison.Ordinal))
                {
                    return (path, decoded);
                }
            }

            await arrived.WaitAsync(cancel.Token);
        }
    }

    public static async Task<OtlpCollector> StartAsync(bool grpc)
    {
        var port = Loopback.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port, listen => listen.Protocols = grpc ? HttpProtocols.Http2 : HttpProtocols.Http1));
        var app = builder.Build();
        var collector = new OtlpCollector(app, port);
        app.Run(async http =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            collector._exports.Enqueue((http.Request.Path, body.ToArray()));
            Interlocked.Exchange(ref collector._arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

            // An empty ExportTraceServiceResponse: nothing in the body over HTTP; over gRPC, an empty message and status 0.
            if (grpc)
            {
                http.Response.ContentType = "application/grpc";
                http.Response.AppendTrailer("grpc-status", "0");
                await http.Response.Body.WriteAsync(new byte[5]);
            }
            else
            {
                http.Response.ContentType = "application/x-protobuf";
                http.Response.StatusCode = StatusCodes.Status200OK;
            }
        });
        await app.StartAsync();
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
