using System.Text.Json.Nodes;

namespace Cms.Api.Tests.Reader;

/// <summary>
/// The chain from code to browser: the code makes openapi/cms.v1.json (OpenApiTests keep it honest), the TypeScript
/// types are generated from it, and the reader is type-checked against them. A stale link anywhere fails here.
/// </summary>
[Category("Frontend")]
public sealed class TypedClientTests
{
    [OneTimeSetUp]
    public Task InstallToolsAsync() => FrontendTools.RequireNpmPackagesAsync();

    [Test]
    public async Task CommittedTypesAreWhatOpenapiTypescriptMakesOfTheCommittedDocument()
    {
        var generated = Path.Combine(Path.GetTempPath(), $"cms-types-{Guid.NewGuid():N}.d.ts");
        try
        {
            var (code, output) = await FrontendTools.NodeAsync("node_modules/openapi-typescript/bin/cli.js", $"cms.v1.json --output {generated}");
            Assert.That(code, Is.Zero, output);
            var committed = await File.ReadAllTextAsync(Path.Combine(FrontendTools.OpenApiFolder, "cms.v1.d.ts"));
            Assert.That(committed, Is.EqualTo(await File.ReadAllTextAsync(generated)),
                "openapi/cms.v1.d.ts is stale: run `npm run types` in openapi/ and commit the result.");
        }
        finally
        {
            File.Delete(generated);
        }
    }

    [Test]
    public async Task TheClientExampleCallsEveryOperationOfTheDocument()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(FrontendTools.OpenApiFolder, "cms.v1.json")))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(method => $"{method.Key.ToUpperInvariant()} {path.Key}")).ToList();
        var example = await File.ReadAllTextAsync(Path.Combine(FrontendTools.OpenApiFolder, "client-example.ts"));
        var called = System.Text.RegularExpressions.Regex.Matches(example, @"api\.(GET|POST|PUT|PATCH|DELETE)\(""([^""]+)""")
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").ToHashSet();

        Assert.That(operations.Where(o => !called.Contains(o)), Is.Empty, "operations openapi/client-example.ts does not call");
    }

    [Test]
    public async Task ReaderTypeChecksAgainstTheGeneratedTypes()
    {
        var (code, output) = await FrontendTools.NodeAsync("node_modules/typescript/bin/tsc", "--project tsconfig.json");
        Assert.That(code, Is.Zero, "tsc found errors in the reader or openapi/client-example.ts:\n" + output);
    }
}
