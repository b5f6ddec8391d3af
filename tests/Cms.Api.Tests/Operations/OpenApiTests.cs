using System.Net;
using System.Text.Json.Nodes;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Operations;

public sealed class OpenApiTests : ApiTest
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Test]
    public async Task TheCommittedDocumentIsTheServedDocumentByteForByte()
    {
        var served = await Client.GetByteArrayAsync("/openapi/v1.json");
        var committed = await File.ReadAllBytesAsync(Path.Combine(Repository.Root, "openapi", "cms.v1.json"));

        Assert.That(served, Is.EqualTo(committed),
            "openapi/cms.v1.json is stale: build src/Cms.Api (outside CI it rewrites the file) and commit it.");
    }

    [Test]
    public async Task EveryOperationHasANameASummaryAndItsErrors()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(m => Methods.Contains(m.Key)).Select(m => (name: $"{m.Key} {path.Key}", op: m.Value!)))
            .ToList();

        Assert.That(operations, Is.Not.Empty);
        foreach (var (name, op) in operations)
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(op["operationId"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, name);
                Assert.That(op["summary"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, name);
                Assert.That(op["responses"]!.AsObject().Any(r => r.Key.StartsWith('2')), Is.True, name + " documents its success");
                if (op["security"] is not null)
                {
                    Assert.That(op["responses"]!.AsObject().ContainsKey("401"), Is.True, name + " documents 401");
                }
            }
        }
    }

    [Test]
    public async Task OperationsThatNeedASessionDeclareTheBearerScheme()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
            Assert.That(document["paths"]!["/api/v1/users/me"]!["get"]!["security"], Is.Not.Null);
            Assert.That(document["paths"]!["/api/v1/sessions"]!["post"]!["security"], Is.Null, "signing in needs no session");
        }
    }

    [Test]
    public async Task TheDocumentNamesTheHeadersAndAnswersOfConditionalCachedAndLimitedRequests()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!;
        var article = document["paths"]!["/api/v1/articles/{idOrSlug}"]!;
        static string[] Keys(JsonNode? node) => node?.AsObject().Select(p => p.Key).ToArray() ?? [];
        static string[] Parameters(JsonNode operation) =>
            operation["parameters"]!.AsArray().Select(p => p!["$ref"]?.GetValue<string>().Split('/')[^1] ?? p["name"]!.GetValue<string>()).ToArray();
        var views = document["paths"]!["/api/v1/articles/{id}/views"]!["post"]!["responses"]!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Keys(article["get"]!["responses"]), Is.SupersetOf(new[] { "200", "301", "304", "404" }));
            Assert.That(Keys(article["get"]!["responses"]!["200"]!["headers"]), Is.SupersetOf(new[] { "ETag", "Cache-Control", "Surrogate-Key", "Cache-Tag" }));
            Assert.That(Keys(article["get"]!["responses"]!["301"]!["headers"]), Does.Contain("Location"));
            Assert.That(Parameters(article["get"]!), Does.Contain("If-None-Match"));
            Assert.That(Parameters(article["put"]!), Does.Contain("If-Match"), "writes join the read's path, with If-Match");
            Assert.That(Parameters(article["patch"]!), Does.Contain("If-Match"));
            Assert.That(Keys(document["paths"]!["/api/v1/articles"]!["post"]!["responses"]!["201"]!["headers"]), Is.SupersetOf(new[] { "Location", "ETag" }));
            Assert.That(Keys(views["202"]!["headers"]), Is.SupersetOf(new[] { "RateLimit-Policy", "RateLimit" }));
            Assert.That(Keys(views["429"]!["headers"]), Is.SupersetOf(new[] { "Retry-After", "RateLimit" }));
            Assert.That(document["paths"]!.AsObject().Select(p => p.Key), Does.Not.Contain("/api/v1/articles/{id}"), "no path equivalent to another");
        }
    }

    [Test]
    public async Task SwaggerUiIsOffOutsideDevelopmentByDefault()
    {
        using var response = await Client.GetAsync("/swagger/index.html");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

public sealed class SwaggerUiEnabledTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Cms:SwaggerUi:Enabled"] = "true" };

    [Test]
    public async Task SwaggerUiServesWhenEnabled()
    {
        using var response = await Client.GetAsync("/swagger/index.html");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("swagger"));
    }
}
