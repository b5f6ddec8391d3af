using System.Net;
using System.Text.Json.Nodes;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Operations;

public sealed class HealthTests : ApiTest
{
    [Test]
    public async Task LiveAndReadyAre200WhenTheDatabaseIsMigrated()
    {
        using var live = await Client.GetAsync("/health/live");
        using var ready = await Client.GetAsync("/health/ready");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
        }
    }

    [Test]
    public async Task NotReadyWhileMigrationsArePending()
    {
        var empty = await TestPostgres.CreateEmptyDatabaseAsync("t_health_unmigrated");
        await using var app = new CmsApp(empty, new Dictionary<string, string?>
        {
            ["Cms:Database:MigrateOnStart"] = "false",
            ["Cms:Bootstrap:AdminUsername"] = "",
        });
        using var client = app.CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain("migration"));
    }

    [Test]
    public async Task NotReadyWhenTheDatabaseCannotBeReached()
    {
        await using var app = new CmsApp("Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=2", new Dictionary<string, string?>
        {
            ["Cms:Database:MigrateOnStart"] = "false",
            ["Cms:Bootstrap:AdminUsername"] = "",
        });
        using var client = app.CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");
        using var signIn = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/sessions", body: new { username = "a", password = "b" }));

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        await AssertProblemAsync(signIn, 503, "database_unavailable");
    }
}
