using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cms.Api.Tests.Infrastructure;

/// <summary>Debian's nginx as a reverse proxy on loopback, in a folder of its own, started and stopped by the test.</summary>
public sealed class Nginx : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private Nginx(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public static string? Binary => new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    /// <summary>Proxies everything to <paramref name="upstream"/>, adding the client to X-Forwarded-For as operators do.</summary>
    public static async Task<Nginx> StartAsync(Uri upstream)
    {
        var folder = Directory.CreateTempSubdirectory("cms-nginx-").FullName;
        var port = Loopback.FreePort();
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            error_log stderr notice;
            pid {{folder}}/nginx.pid;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://127.0.0.1:{{upstream.Port}};
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                    }
                }
            }
            """);
        var start = new ProcessStartInfo(Binary ?? throw new InvalidOperationException("nginx is not installed (apt-get install nginx)."))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf") })
        {
            start.ArgumentList.Add(arg);
        }

        // nginx says nothing when it listens, but it logs the OS's limits (getrlimit) right after opening its sockets:
        // from then on a connection is accepted (the kernel queues it). Waited for as that line, not by probing.
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                log.Enqueue(line);
                if (line.Contains("getrlimit", StringComparison.Ordinal))
                {
                    listening.TrySetResult();
                }
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("nginx exited: " + string.Join("\n", log)));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new Nginx(process, folder, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>A client whose connections come from <paramref name="source"/> (any 127.x.y.z), so the proxy sees distinct visitors.</summary>
    public static HttpClient ClientFrom(string source, Uri address) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = address };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
