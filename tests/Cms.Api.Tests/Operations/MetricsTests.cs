using System.Text.Json.Nodes;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Operations;

/// <summary>/metrics (Prometheus) is off unless an operator turns it on; on, it carries ASP.NET Core's and the service's own.</summary>
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
