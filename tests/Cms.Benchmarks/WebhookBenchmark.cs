using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Cms.Api.Data;
using Cms.Api.Infrastructure.LocalPostgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cms.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Cms.Benchmarks -- webhooks [--seconds 10] [--connections 8] [--events 2000]</c>:
/// three service processes on one fresh database (three instances' worth of delivery workers) and a receiver in this
/// process. Prints the save rate of articles with no webhook, with five whose receiver never answers, and with five
/// delivered meanwhile on the same cores (each with its CPU a save), the events per second through the outbox to the
/// receiver, and the delay from commit to delivery (p50, p99).
/// </summary>
internal static class WebhookBenchmark
{
    private const string Admin = "bench-admin";
    private const string Password = "bench-admin-password";

    public static async Task RunAsync(string repositoryRoot, string dataDirectory, BenchOptions options, TextWriter log)
    {
        var events = options.Articles == 100_000 ? 2000 : options.Articles;
        await using var cluster = LocalPostgresCluster.Start(new LocalPostgresSettings { DataDirectory = dataDirectory, Database = "postgres" });
        await using (var admin = new NpgsqlConnection(cluster.ConnectionStringFor("postgres")))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS bench_webhooks WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        cluster.CreateDatabase("bench_webhooks");
        var connectionString = cluster.ConnectionStringFor("bench_webhooks");
        await using (var db = new CmsDbContext(new DbContextOptionsBuilder<CmsDbContext>().Also(o => DatabaseSetup.Configure(o, connectionString)).Options))
        {
            await db.Database.MigrateAsync();
        }

        var settings = new Dictionary<string, string>
        {
            ["Cms:Webhooks:AllowPrivateTargets"] = "true",
            ["Cms:Bootstrap:AdminUsername"] = Admin,
            ["Cms:Bootstrap:AdminPassword"] = Password,
            ["Cms:RateLimits:SignInsPerMinute"] = "0",
            ["Cms:Site:BaseUrl"] = "https://baolaichau.vn",
        };
        var services = new List<ServiceProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                services.Add(await ServiceProcess.StartAsync(repositoryRoot, connectionString, FreePort(), settings.Concat(options.Environment).ToDictionary()));
            }

            await using var receiver = await Receiver.StartAsync();
            using var http = new HttpClient();
            var token = await SignInAsync(http, services[0].BaseUrl);
            var author = await CreateAuthorAsync(http, services[0].BaseUrl, token);
            var clients = options.Connections == 32 ? 8 : options.Connections;
            log.WriteLine($"Webhooks: 3 instances, {clients} writers, {options.Seconds} s a scenario");

            // Warm-up: the services' first saves run cold code (JIT, pools); none of them is measured.
            await SaveRateAsync(services, token, author, clients, 3);
            var (without, costWithout) = await MeasuredAsync(services, cluster.DataDirectory, () => SaveRateAsync(services, token, author, clients, options.Seconds));
            log.WriteLine($"  saves, no webhook:    {without:F0} articles/s; CPU a save: {costWithout}");

            // Five webhooks whose receiver holds every request until the service's 15 s timeout: what the outbox, the
            // fan-out and the workers' claims add to a save, and the "a slow receiver never slows a save".
            var hanging = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                hanging.Add(await CreateWebhookAsync(http, services[0].BaseUrl, token, receiver.HangingUrl + "?webhook=" + i.ToString(CultureInfo.InvariantCulture)));
            }

            var (slow, costSlow) = await MeasuredAsync(services, cluster.DataDirectory, () => SaveRateAsync(services, token, author, clients, options.Seconds));
            log.WriteLine($"  saves, five webhooks, receiver slow: {slow:F0} articles/s ({slow / without:P0} of the rate with none); CPU a save: {costSlow}");
            foreach (var id in hanging)
            {
                await DeleteWebhookAsync(http, services[0].BaseUrl, token, id);
            }

            for (var i = 0; i < 5; i++)
            {
                await CreateWebhookAsync(http, services[0].BaseUrl, token, receiver.Url + "?webhook=" + i.ToString(CultureInfo.InvariantCulture));
            }

            receiver.Reset();
            var (with, costWith) = await MeasuredAsync(services, cluster.DataDirectory, () => SaveRateAsync(services, token, author, clients, options.Seconds));
            log.WriteLine($"  saves, five webhooks, delivered meanwhile: {with:F0} articles/s ({with / without:P0} of the rate with none); CPU a save and its five deliveries: {costWith}");
            await receiver.WaitForAsync(receiver.Expected(await CountAsync(connectionString, "SELECT count(*) FROM webhook_messages")), TimeSpan.FromMinutes(5));

            // Throughput: a burst of saves, five messages each, until the receiver has them all.
            receiver.Reset();
            var before = await CountAsync(connectionString, "SELECT count(*) FROM webhook_messages");
            var clock = Stopwatch.StartNew();
            var saved = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, events / 5), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (i, ct) =>
            {
                await SaveAsync(http, services[i % 3].BaseUrl, token, author);
                Interlocked.Increment(ref saved);
            });
            var queued = await CountAsync(connectionString, "SELECT count(*) FROM webhook_messages") - before;
            await receiver.WaitForAsync((int)queued, TimeSpan.FromMinutes(5));
            var elapsed = clock.Elapsed;
            var delays = receiver.Delays();
            log.WriteLine($"  delivered {queued} events ({saved} saves x 5 webhooks) in {elapsed.TotalSeconds:F1} s: {queued / elapsed.TotalSeconds:F0} events/s");
            log.WriteLine($"  commit to delivery: p50 {Percentile(delays, 0.50):F0} ms, p99 {Percentile(delays, 0.99):F0} ms, max {delays.Max():F0} ms");
            log.WriteLine($"  duplicates seen by the receiver: {receiver.Duplicates}");
        }
        finally
        {
            foreach (var service in services)
            {
                service.Dispose();
            }
        }
    }

    /// <summary>A save-rate run and what each save cost in CPU: the three services, and PostgreSQL.</summary>
    private static async Task<(double Rate, string Cost)> MeasuredAsync(List<ServiceProcess> services, string postgres, Func<Task<(double Rate, int Saves)>> run)
    {
        var services0 = services.Sum(s => s.CpuTime.TotalMilliseconds);
        var postgres0 = CpuTime.OfPostgres(postgres).TotalMilliseconds;
        var (rate, saves) = await run();
        var servicesMs = (services.Sum(s => s.CpuTime.TotalMilliseconds) - services0) / saves;
        var postgresMs = (CpuTime.OfPostgres(postgres).TotalMilliseconds - postgres0) / saves;
        return (rate, $"services {servicesMs:F1} ms + PostgreSQL {postgresMs:F1} ms");
    }

    private static async Task<(double Rate, int Saves)> SaveRateAsync(List<ServiceProcess> services, string token, Guid author, int clients, int seconds)
    {
        using var http = new HttpClient();
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        var count = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            while (DateTime.UtcNow < stop)
            {
                await SaveAsync(http, services[c % services.Count].BaseUrl, token, author);
                Interlocked.Increment(ref count);
            }
        }));
        return (count / clock.Elapsed.TotalSeconds, count);
    }

    private static async Task SaveAsync(HttpClient http, string baseUrl, string token, Guid author)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/api/v1/articles")
        {
            Content = JsonContent.Create(new
            {
                title = "Giao ban công tác Khoa giáo " + Guid.NewGuid().ToString("N")[..8], summary = "Giao ban.",
                body = "<p>Ngày 09/10, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị.</p>", status = "published", authorIds = new[] { author },
            }),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"save: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<string> SignInAsync(HttpClient http, string baseUrl)
    {
        using var response = await http.PostAsJsonAsync(baseUrl + "/api/v1/sessions", new { username = Admin, password = Password });
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    private static async Task<Guid> CreateAuthorAsync(HttpClient http, string baseUrl, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/api/v1/authors") { Content = JsonContent.Create(new { name = "Hồng Phái" }) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
    }

    private static async Task<string> CreateWebhookAsync(HttpClient http, string baseUrl, string token, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/api/v1/webhooks")
        {
            Content = JsonContent.Create(new { url, events = new[] { "article.published", "article.updated", "article.unpublished", "article.deleted" } }),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["webhook"]!["id"]!.GetValue<string>();
    }

    private static async Task DeleteWebhookAsync(HttpClient http, string baseUrl, string token, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, baseUrl + "/api/v1/webhooks/" + id);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Answers 204 at once; notes each delivery's delay from its event's occurredAt (the save's moment) and repeats.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, byte> _seen = new();
        private ConcurrentBag<double> _delays = [];
        private int _count;
        private int _duplicates;
        private long _total;

        private Receiver(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        public string Url { get; }

        /// <summary>A receiver that never answers: the service gives up after its timeout.</summary>
        public string HangingUrl => Url.Replace("/hook", "/hang", StringComparison.Ordinal);

        public int Duplicates => _duplicates;

        public static async Task<Receiver> StartAsync()
        {
            var port = FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
            var app = builder.Build();
            var receiver = new Receiver(app, $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/hook");
            app.Run(async context =>
            {
                if (context.Request.Path == "/hang")
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return;
                }

                var body = await JsonNode.ParseAsync(context.Request.Body);
                var occurred = body!["occurredAt"]!.GetValue<DateTimeOffset>();
                var key = context.Request.Headers["webhook-id"] + context.Request.QueryString.Value;
                receiver.Note((DateTimeOffset.UtcNow - occurred).TotalMilliseconds, key);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            });
            await app.StartAsync();
            return receiver;
        }

        private void Note(double delayMs, string key)
        {
            if (!_seen.TryAdd(key, 0))
            {
                Interlocked.Increment(ref _duplicates);
            }

            _delays.Add(delayMs);
            Interlocked.Increment(ref _count);
            Interlocked.Increment(ref _total);
        }

        /// <summary>How many deliveries make <paramref name="messages"/> in all, counting what arrived before the last reset.</summary>
        public int Expected(long messages) => (int)(messages - (Interlocked.Read(ref _total) - _count));

        public void Reset()
        {
            _delays = [];
            Interlocked.Exchange(ref _count, 0);
        }

        public List<double> Delays() => [.. _delays.Order()];

        public async Task WaitForAsync(int count, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (Volatile.Read(ref _count) < count)
            {
                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException($"The receiver got {_count} of {count} deliveries.");
                }

                await Task.Delay(10);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
