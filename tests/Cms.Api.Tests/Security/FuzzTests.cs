using System.Net;
using Cms.Api.Tests.Infrastructure;
using CsCheck;

namespace Cms.Api.Tests.Security;

/// <summary>
/// Every operation of the OpenAPI document gets hostile requests (CsCheck): no 5xx, problem+json without internals, still
/// ready after. A failure prints its seed: rerun with CMS_FUZZ_SEED=&lt;seed&gt;; CMS_FUZZ_ITERATIONS (150) goes longer.
/// </summary>
public sealed class FuzzTests : ApiTest
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("CMS_FUZZ_ITERATIONS"), out var n) ? n : 150;
    private static readonly string? Seed = Environment.GetEnvironmentVariable("CMS_FUZZ_SEED") is { Length: > 0 } s ? s : null;

    public static IEnumerable<FuzzOperation> Operations() => FuzzOperation.All();

    [TestCaseSource(nameof(Operations))]
    public async Task HostileRequestsNeverMakeA5xxNorLeakInternals(FuzzOperation operation)
    {
        var admin = await SignInAsAdminAsync();
        var sent = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        await FuzzGenerators.For(operation).SampleAsync(async request =>
        {
            using var message = request.ToMessage(admin);
            using var response = await Client.SendAsync(message);
            Interlocked.Increment(ref sent);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, c) => c + 1);
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                throw new InvalidOperationException($"{status}: {text}");
            }

            if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                throw new InvalidOperationException($"{status} without problem+json: {response.Content.Headers.ContentType} {text}");
            }

            if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal) || text.Contains("Npgsql", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{status} shows internals: {text}");
            }
        }, seed: Seed, iter: Iterations, threads: 2, print: r => r.ToString());

        using var ready = await Client.GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "still ready after the fuzzing");
        TestContext.Out.WriteLine($"{operation}: {sent} requests, " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}")));
        SoakReport.Add($"fuzz {operation}", sent, statuses.Where(p => p.Key >= 500).Sum(p => p.Value), 0, null);
    }
}
