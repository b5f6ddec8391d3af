using System.Text.Json.Nodes;
using Cms.Api.Tests.Reader;

namespace Cms.Api.Tests.Operations;

/// <summary>
/// The committed document passes Spectral's OpenAPI rules and the project's own (openapi/.spectral.yaml) with no finding of
/// any severity; and the project's rules do find what they are there to find.
/// </summary>
[Category("Frontend")]
public sealed class OpenApiLintTests
{
    private const string Spectral = "node_modules/@stoplight/spectral-cli/dist/index.js";

    [OneTimeSetUp]
    public Task InstallToolsAsync() => FrontendTools.RequireNpmPackagesAsync();

    private static async Task<List<string>> FindingsAsync(string document)
    {
        var report = Path.Combine(Path.GetTempPath(), $"cms-spectral-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output) = await FrontendTools.NodeAsync(Spectral,
                $"lint {document} --ruleset .spectral.yaml --format json --output {report} --fail-severity hint --quiet");
            Assert.That(File.Exists(report), Is.True, $"spectral wrote no report (exit {code}):\n{output}");
            return JsonNode.Parse(await File.ReadAllTextAsync(report))!.AsArray()
                .Select(f => $"{f!["code"]}: {string.Join('.', f["path"]!.AsArray())}: {f["message"]}").ToList();
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Test]
    public async Task TheCommittedDocumentHasNoFinding()
    {
        Assert.That(await FindingsAsync("cms.v1.json"), Is.Empty);
    }

    [Test]
    public async Task TheRulesFindAMissingExampleSummaryParameterDescriptionAndErrorAnswer()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(FrontendTools.OpenApiFolder, "cms.v1.json")))!;
        var list = document["paths"]!["/api/v1/articles"]!["get"]!;
        list["responses"]!["200"]!["content"]!["application/json"]!.AsObject().Remove("example");
        list["parameters"]![0]!.AsObject().Remove("description");
        list.AsObject().Remove("summary");
        var create = document["paths"]!["/api/v1/articles"]!["post"]!;
        create["requestBody"]!["content"]!["application/json"]!.AsObject().Remove("example");
        var responses = create["responses"]!.AsObject();
        foreach (var status in responses.Select(r => r.Key).Where(k => k[0] is '4' or '5').ToList())
        {
            responses.Remove(status);
        }

        var broken = Path.Combine(Path.GetTempPath(), $"cms-broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(broken, document.ToJsonString());
        try
        {
            var found = (await FindingsAsync(broken)).Select(f => f.Split(':')[0]).ToList();

            Assert.That(found, Is.SupersetOf(new[]
            {
                "json-answer-example", "parameter-description", "operation-summary", "request-body-example", "error-responses",
            }));
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
