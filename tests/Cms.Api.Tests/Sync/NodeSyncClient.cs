using System.Diagnostics;
using System.Text.Json.Nodes;
using Cms.Api.Tests.Reader;

namespace Cms.Api.Tests.Sync;

/// <summary>
/// The reference TypeScript client (openapi/sync-client/) in a node process, driven line by line through its cli.js:
/// the tests prove the client that apps copy, not a C# imitation of it.
/// </summary>
internal sealed class NodeSyncClient : IAsyncDisposable
{
    private static readonly SemaphoreSlim CompileGate = new(1, 1);
    private static bool _compiled;
    private readonly Process _process;

    private NodeSyncClient(Process process) => _process = process;

    /// <summary>Compiles the client once per run (tsc into sync-client/dist).</summary>
    public static async Task CompileAsync()
    {
        await FrontendTools.RequireNpmPackagesAsync();
        await CompileGate.WaitAsync();
        try
        {
            if (!_compiled)
            {
                var (code, output) = await FrontendTools.NodeAsync("node_modules/typescript/bin/tsc", "--project sync-client/tsconfig.json");
                Assert.That(code, Is.Zero, "tsc could not compile openapi/sync-client:\n" + output);
                _compiled = true;
            }
        }
        finally
        {
            CompileGate.Release();
        }
    }

    public static NodeSyncClient Start(Uri service, string? category = null, string? fields = null, int? limit = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(FrontendTools.OpenApiFolder, "sync-client"),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "dist/cli.js", service.ToString().TrimEnd('/'), category ?? "", fields ?? "", limit?.ToString() ?? "" })
        {
            start.ArgumentList.Add(argument);
        }

        return new NodeSyncClient(Process.Start(start)!);
    }

    /// <summary>Sends one command and reads its one-line answer; an answer with an error fails the test.</summary>
    public async Task<JsonObject> SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (line is null)
        {
            Assert.Fail("the client ended: " + await _process.StandardError.ReadToEndAsync());
        }

        var answer = JsonNode.Parse(line!)!.AsObject();
        Assert.That(answer["error"], Is.Null, $"{command}: {answer["error"]}");
        return answer;
    }

    public Task<JsonObject> SyncAsync() => SendAsync("sync");

    /// <summary>What the client's store holds: articles, categories and authors as ids with versions, media with renditions.</summary>
    public async Task<(Dictionary<Guid, int> Articles, Dictionary<Guid, int> Categories, Dictionary<Guid, int> Authors, JsonObject Media)> StoreAsync()
    {
        var store = await SendAsync("store");
        static Dictionary<Guid, int> Versions(JsonNode? node) => node!.AsObject().ToDictionary(p => Guid.Parse(p.Key), p => (int)p.Value!);
        return (Versions(store["articles"]), Versions(store["categories"]), Versions(store["authors"]), store["media"]!.AsObject());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await _process.StandardInput.WriteLineAsync("quit");
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill();
            }
        }

        _process.Dispose();
    }
}
