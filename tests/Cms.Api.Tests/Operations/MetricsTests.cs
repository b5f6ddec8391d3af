using System.Globalization;
using System.Text.Json.Nodes;
using Cms.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Cms.Api.Tests.Operations;

/// <summary>
/// /metrics (Prometheus) is off unless an operator turns it on; on, it carries ASP.NET Core's and the service's own, on its
/// own port when one is set. Traces go over OTLP when a collector is named.
/// </summary>
// Alone: a metrics pipeline listens to every meter named "Cms" in the process, so another fixture's service running
// beside it would add its counts and gauges to this one's scrape.
[NonParallelizable]
public sealed class MetricsTests
{
    [Test]
    public async Task MetricsAreOffByDefault()
    {
        await using var app = new CmsApp(TestPostgres.ConnectionStringFor("postgres"), new Dictionary<string, string?>());
        using var client = app.CreateClient();

        using var metrics = await client.GetAsync("/metrics");

        Assert.That((int)metrics.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task TurnedOnMetricsCarryRequestsAndReadCacheHitsAndMisses()
    {
        var connectionString = await TestPostgres.CreateMigratedDatabaseAsync("metrics_" + Guid.NewGuid().ToString("N")[..8]);
        await using var app = new CmsApp(connectionString, new Dictionary<string, string?> { ["Cms:Metrics:Enabled"] = "true" });
        using var client = app.CreateClient();
        await ApiTest.Listening(app);
        for (var i = 0; i < 3; i++)
        {
            using var read = await client.GetAsync("/api/v1/categories");
            Assert.That((int)read.StatusCode, Is.EqualTo(200));
        }

        using var metrics = await client.GetAsync("/metrics");
        var text = await metrics.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)metrics.StatusCode, Is.EqualTo(200));
            Assert.That(text, Does.Contain("http_server_request_duration_seconds"));
            Assert.That(text, Does.Match("cms_read_cache_requests_total\\{[^}]*result=\"miss\"[^}]*\\} 1"));
            Assert.That(text, Does.Match("cms_read_cache_requests_total\\{[^}]*result=\"hit\"[^}]*\\} 2"));
        }
    }

    [Test]
    public async Task WithAPortSetMetricsAnswerOnItAndNotOnThePublicPortWhateverTheHostHeaderSays()
    {
        var connectionString = await TestPostgres.CreateMigratedDatabaseAsync("metrics_" + Guid.NewGuid().ToString("N")[..8]);
        var metricsPort = Loopback.FreePort();
        await using var app = CmsApp.StartOnKestrel(connectionString, new Dictionary<string, string?>
        {
            ["Cms:Metrics:Enabled"] = "true",
            ["Cms:Metrics:Port"] = metricsPort.ToString(CultureInfo.InvariantCulture),
        }, alsoListenOn: metricsPort);
        using var client = new HttpClient();

        using var onPublicPort = await client.GetAsync(new Uri(app.Address, "/metrics"));
        using var naming = new HttpRequestMessage(HttpMethod.Get, new Uri(app.Address, "/metrics"));
        naming.Headers.Host = "127.0.0.1:" + metricsPort.ToString(CultureInfo.InvariantCulture);
        using var namingTheMetricsPort = await client.SendAsync(naming);
        using var onMetricsPort = await client.GetAsync($"http://127.0.0.1:{metricsPort}/metrics");
        var scrape = await onMetricsPort.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)onPublicPort.StatusCode, Is.EqualTo(404), "readers' port");
            Assert.That((int)namingTheMetricsPort.StatusCode, Is.EqualTo(404), "readers' port, Host naming the metrics port");
            Assert.That((int)onMetricsPort.StatusCode, Is.EqualTo(200));
            Assert.That(scrape, Does.Contain("http_server_request_duration_seconds"));
        }
    }

    [TestCase("http/protobuf", "/v1/traces")]
    [TestCase("grpc", "/opentelemetry.proto.collector.trace.v1.TraceService/Export")]
    public async Task WithACollectorNamedARequestsSpansAreExportedOverOtlp(string protocol, string path)
    {
        await using var collector = await OtlpCollector.StartAsync(grpc: protocol == "grpc");
        var connectionString = await TestPostgres.CreateMigratedDatabaseAsync("traces_" + Guid.NewGuid().ToString("N")[..8]);
        await using var app = new CmsApp(connectionString, new Dictionary<string, string?>
        {
            ["Cms:Metrics:OtlpEndpoint"] = collector.Url,
            ["Cms:Metrics:OtlpProtocol"] = protocol,
            ["Cms:Metrics:ServiceName"] = "cms-trace-test",
        });
        using var client = app.CreateClient();

        using var read = await client.GetAsync("/api/v1/categories");
        Assert.That((int)read.StatusCode, Is.EqualTo(200));
        // The exporter sends in batches on its own timer; a flush sends now what it has.
        app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
        var (exportedTo, text) = await collector.WaitForAsync("/api/v1/categories", TimeSpan.FromSeconds(30));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exportedTo, Is.EqualTo(path));
            Assert.That(text, Does.Contain("service.name").And.Contain("cms-trace-test"), "the resource names the service");
        }
    }

    [Test]
    public async Task ReadinessWithoutAReplicaNamesThePrimaryRole()
    {
        var connectionString = await TestPostgres.CreateMigratedDatabaseAsync("health_" + Guid.NewGuid().ToString("N")[..8]);
        await using var app = new CmsApp(connectionString, new Dictionary<string, string?>());
        using var client = app.CreateClient();

        using var ready = await client.GetAsync("/health/ready");
        var checks = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!.AsObject();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)ready.StatusCode, Is.EqualTo(200));
            Assert.That(checks["postgresql"]!["data"]!["role"]!.GetValue<string>(), Is.EqualTo("primary"));
            Assert.That(checks.ContainsKey("postgresql-replica"), Is.False);
        }
    }
}
