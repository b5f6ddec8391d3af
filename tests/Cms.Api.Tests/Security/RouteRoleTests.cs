using System.Text.RegularExpressions;
using Cms.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cms.Api.Tests.Security;

/// <summary>Function-level authorization, checked for every route against the table in docs/SECURITY.md.</summary>
public sealed partial class RouteRoleTests : ApiTest
{
    private static readonly string[] Ladder = ["anyone", "signed in", "editor", "admin"];

    [GeneratedRegex(@"^\| (GET|POST|PUT|PATCH|DELETE) \| `(/api/v1[^`]*)` \| (anyone|signed in|editor|admin) \|$")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    private static Dictionary<string, string> DocumentedRoles() =>
        File.ReadLines(Path.Combine(Repository.Root, "docs", "SECURITY.md"))
            .Select(line => TableRow().Match(line.Trim()))
            .Where(m => m.Success)
            .ToDictionary(m => $"{m.Groups[1].Value} {m.Groups[2].Value}", m => m.Groups[3].Value);

    private List<string> ServedRoutes() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(method =>
                $"{method} {RouteParameter().Replace(e.RoutePattern.RawText!, "{$1}").TrimEnd('/')}"))
            .Distinct()
            .ToList();

    [Test]
    public void TheTableListsExactlyTheServedRoutes()
    {
        Assert.That(DocumentedRoles().Keys, Is.EquivalentTo(ServedRoutes()), "docs/SECURITY.md's route table and the served routes differ");
    }

    [Test]
    public async Task EveryRouteRefusesEveryRoleBelowItsOwnAndOnlyThose()
    {
        var tokens = new Dictionary<string, Func<Task<string?>>>
        {
            ["anyone"] = () => Task.FromResult<string?>(null),
            ["author"] = async () => (await CreateUserAsync("author")).Token,
            ["editor"] = async () => (await CreateUserAsync("editor")).Token,
            ["admin"] = async () => await SignInAsAdminAsync(),
        };
        var failures = new List<string>();
        foreach (var (route, least) in DocumentedRoles())
        {
            var method = new HttpMethod(route[..route.IndexOf(' ', StringComparison.Ordinal)]);
            // An unknown id: past authorization the answer is 404 or 400, which is all this test needs.
            var url = RouteParameter().Replace(route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..], Guid.CreateVersion7().ToString());
            foreach (var (caller, token) in tokens)
            {
                var callerRank = caller == "author" ? 1 : Array.IndexOf(Ladder, caller);
                var needed = Array.IndexOf(Ladder, least);
                using var request = Request(method, url, await token(), method == HttpMethod.Get || method == HttpMethod.Delete ? null : new { });
                if (method == HttpMethod.Patch)
                {
                    // Routing answers a body of another type 415 before authorization, as for every JSON endpoint.
                    request.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/merge-patch+json");
                }

                using var response = await Client.SendAsync(request);
                var status = (int)response.StatusCode;
                var expected = callerRank >= needed ? "neither 401 nor 403" : caller == "anyone" ? "401" : "403";
                var ok = callerRank >= needed ? status is not (401 or 403) : status == (caller == "anyone" ? 401 : 403);
                if (!ok || status >= 500)
                {
                    failures.Add($"{route} as {caller}: {status}, expected {expected}");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }
}
