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
