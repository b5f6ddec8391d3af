using System.Net;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Content;

public sealed class SampleContentTests
{
    [Test]
    public async Task AServiceThatCreatesItsDatabaseSeedsSampleArticlesOnce()
    {
        var empty = await TestPostgres.CreateEmptyDatabaseAsync("t_sample_content");
        var settings = new Dictionary<string, string?> { ["Cms:SampleContent:Enabled"] = "true" };

        int firstTotal;
        await using (var app = new CmsApp(empty, settings, clock: new(DateTimeOffset.UtcNow)))
        {
            using var client = app.CreateClient();
            using var list = await client.GetAsync("/api/v1/articles");
            var body = System.Text.Json.Nodes.JsonNode.Parse(await list.Content.ReadAsStringAsync())!;
            firstTotal = body["total"]!.GetValue<int>();
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(firstTotal, Is.GreaterThanOrEqualTo(3));
            Assert.That(body["items"]![0]!["authors"]![0]!["organization"]!.GetValue<string>(), Is.Not.Empty);
        }

        // A second start on the same database adds nothing.
        await using (var again = new CmsApp(empty, settings, clock: new(DateTimeOffset.UtcNow)))
        {
            using var client = again.CreateClient();
            using var list = await client.GetAsync("/api/v1/articles");
            var body = System.Text.Json.Nodes.JsonNode.Parse(await list.Content.ReadAsStringAsync())!;
            Assert.That(body["total"]!.GetValue<int>(), Is.EqualTo(firstTotal));
        }
    }
}
