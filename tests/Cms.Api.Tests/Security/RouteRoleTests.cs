using System.Text.RegularExpressions;
using Cms.Api.ApiTokens;
using Cms.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cms.Api.Tests.Security;

/// <summary>Function-level authorization, checked for every route against the table in docs/SECURITY.md.</summary>
public sealed partial class RouteRoleTests : ApiTest
{
    private static readonly string[] Ladder = ["anyone", "signed in", "editor", "admin"];

    [GeneratedRegex(@"^\| (GET|POST|PUT|PATCH|DELETE) \| `(/api/v1[^`]*)` \| (anyone|signed in|editor|admin) \| (—|[a-z:, ]+) \|$")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    /// <summary>Each route of the table: the least role it needs and the scopes that let an API token call it ("—": none).</summary>
    private static Dictionary<string, (string Least, string[] Scopes)> DocumentedRoutes() =>
        File.ReadLines(Path.Combine(Repository.Root, "docs", "SECURITY.md"))
            .Select(line => TableRow().Match(line.Trim()))
            .Where(m => m.Success)
            .ToDictionary(m => $"{m.Groups[1].Value} {m.Groups[2].Value}", m => (m.Groups[3].Value,
                m.Groups[4].Value == "—" ? [] : m.Groups[4].Value.Split(", ")));

    private static Dictionary<string, string> DocumentedRoles() => DocumentedRoutes().ToDictionary(r => r.Key, r => r.Value.Least);

    /// <summary>Every served route under /api/v1 and the scopes its endpoint declares.</summary>
    private Dictionary<string, string[]> ServedRoutes() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(method =>
                (Route: $"{method} {RouteParameter().Replace(e.RoutePattern.RawText!, "{$1}").TrimEnd('/')}",
                    Scopes: e.Metadata.GetMetadata<ScopeMetadata>()?.Scopes.ToArray() ?? [])))
            .DistinctBy(r => r.Route)
            .ToDictionary(r => r.Route, r => r.Scopes);

    [Test]
    public void TheTableListsExactlyTheServedRoutes()
    {
        Assert.That(DocumentedRoles().Keys, Is.EquivalentTo(ServedRoutes().Keys), "docs/SECURITY.md's route table and the served routes differ");
    }

    [Test]
    public void TheTableNamesTheScopesEachRouteDeclares()
    {
        var documented = DocumentedRoutes();
        var differ = ServedRoutes().Where(r => documented.TryGetValue(r.Key, out var d) && !d.Scopes.Order().SequenceEqual(r.Value.Order()))
            .Select(r => $"{r.Key}: the table says {string.Join(", ", documented[r.Key].Scopes)}, the endpoint declares {string.Join(", ", r.Value)}")
            .ToList();
        Assert.That(differ, Is.Empty);
    }

    private static IEnumerable<string> AllScopes => Scopes.All;

    /// <summary>
    /// A token with this one scope, made by the admin: open routes answer it as anyone, routes that name the scope as
    /// their role would, and every other route (those that name no scope above all) 403.
    /// </summary>
    [TestCaseSource(nameof(AllScopes))]
    public async Task EveryRouteRefusesATokenOutsideItsScopesAndOnlyThose(string scope)
    {
        var token = await CreateApiTokenAsync(Client, await SignInAsAdminAsync(), [scope]);
        var failures = new List<string>();
        foreach (var (route, (least, scopes)) in DocumentedRoutes())
        {
            var allowed = least == "anyone" || scopes.Contains(scope);
            var status = await CallAsync(route, token);
            var ok = allowed ? status is not (401 or 403) : status == 403;
            if (!ok || status >= 500)
            {
                failures.Add($"{route} with {scope}: {status}, expected {(allowed ? "neither 401 nor 403" : "403")}");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    /// <summary>Calls the route with an unknown id: past authorization the answer is 404 or 400, which is all these tests need.</summary>
    private async Task<int> CallAsync(string route, string? token)
    {
        var method = new HttpMethod(route[..route.IndexOf(' ', StringComparison.Ordinal)]);
        var url = RouteParameter().Replace(route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..], Guid.CreateVersion7().ToString());
        using var request = Request(method, url, token, method == HttpMethod.Get || method == HttpMethod.Delete ? null : new { });
        if (method == HttpMethod.Patch)
        {
            // Routing answers a body of another type 415 before authorization, as for every JSON endpoint.
            request.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/merge-patch+json");
        }

        using var response = await Client.SendAsync(request);
        return (int)response.StatusCode;
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
            foreach (var (caller, token) in tokens)
            {
                var callerRank = caller == "author" ? 1 : Array.IndexOf(Ladder, caller);
                var needed = Array.IndexOf(Ladder, least);
                var status = await CallAsync(route, await token());
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
