using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cms.Benchmarks;

/// <summary>
/// The web server's ceiling: Debian's nginx serving, as static files, the same bytes the service answered for each read
/// scenario, measured with the same wrk and connections in the same run. Two workers, as many as cores; keep-alive
/// without a request limit, as Kestrel keeps connections.
/// </summary>
internal sealed class NginxCeiling : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private NginxCeiling(Process process, string folder, string baseUrl)
    {
        _process = process;
        _folder = folder;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<NginxCeiling> StartAsync()
    {
        var binary = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed (apt-get install nginx).");
        var folder = Directory.CreateTempSubdirectory("cms-bench-nginx-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "files"));
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            worker_processes {{Environment.ProcessorCount}};
            error_log {{folder}}/error.log warn;
            pid {{folder}}/nginx.pid;
            events { worker_connections 1024; }
            http {
                access_log off;
                sendfile on;
                tcp_nopush on;
                keepalive_requests 1000000;
                default_type application/json;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                server {
                    listen 127.0.0.1:{{port}};
                    root {{folder}}/files;
                }
            }
            """);
        var start = new ProcessStartInfo(binary, ["-p", folder, "-c", Path.Combine(folder, "nginx.conf")]);
        var ceiling = new NginxCeiling(Process.Start(start)!, folder, $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var probe = await http.GetAsync(ceiling.BaseUrl + "/missing");
                return ceiling;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(20);
            }
        }

        ceiling.Dispose();
        throw new InvalidOperationException("nginx did not listen within 10 s: " + File.ReadAllText(Path.Combine(folder, "error.log")));
    }

    /// <summary>Serves <paramref name="body"/> as a file and answers its path.</summary>
    public string Serve(string name, byte[] body)
    {
        File.WriteAllBytes(Path.Combine(_folder, "files", name), body);
        return "/" + name;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
