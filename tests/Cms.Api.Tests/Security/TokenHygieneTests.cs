using System.Collections.Concurrent;
using Cms.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cms.Api.Tests.Security;

/// <summary>Session and API tokens travel only in the Authorization header and never reach a log line, at any level.</summary>
public sealed class TokenHygieneTests : ApiTest
{
    private readonly LogCapture _logs = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // Everything every component says, including EF Core's commands and the framework's request traces.
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
    };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(_logs);

    [Test]
    public async Task ATokenNeverAppearsInAnyLogLineThroughoutItsLife()
    {
        var (username, password, _) = await CreateUserAsync("editor");
        _logs.Clear();
        var token = await SignInAsync(username, password);
        using (await SendAsync(HttpMethod.Get, "/api/v1/users/me", token)) { }
        using (await SendAsync(HttpMethod.Post, "/api/v1/sessions/current/keep-alive", token)) { }
        using (await SendAsync(HttpMethod.Post, "/api/v1/categories", token, new { name = "Thời sự" })) { }
        using (await SendAsync(HttpMethod.Post, "/api/v1/categories", token, new { name = "" })) { }
        using (await SendAsync(HttpMethod.Delete, "/api/v1/sessions/current", token)) { }
        using (await SendAsync(HttpMethod.Get, "/api/v1/users/me", token)) { }
        using (await SendAsync(HttpMethod.Get, "/api/v1/users/me", token[..^2] + "xx")) { }

        var lines = _logs.Lines;
        Assert.That(lines, Is.Not.Empty, "the capture works");
        Assert.That(lines.Where(l => l.Contains(token[..20], StringComparison.Ordinal)), Is.Empty);
        Assert.That(lines.Where(l => l.Contains(password, StringComparison.Ordinal)), Is.Empty, "nor a password");
    }

    [Test]
    public async Task AnApiTokenNeverAppearsInAnyLogLineThroughoutItsLife()
    {
        var admin = await SignInAsAdminAsync();
        _logs.Clear();
        var token = await CreateApiTokenAsync(Client, admin, ["content:read", "content:write"], expiresInDays: 7);
        using (await SendAsync(HttpMethod.Get, "/api/v1/articles?status=draft", token)) { }
        using (await SendAsync(HttpMethod.Post, "/api/v1/categories", token, new { name = "Thời sự" })) { }
        using (await SendAsync(HttpMethod.Post, "/api/v1/categories", token, new { name = "" })) { }
        using (await SendAsync(HttpMethod.Post, "/api/v1/api-tokens", token, new { name = "Refused", scopes = new[] { "content:read" } })) { }
        using (await SendAsync(HttpMethod.Get, "/api/v1/articles", token[..^2] + "xx")) { }
        var id = await ScalarAsync<Guid>("SELECT id FROM api_tokens");
        using (await SendAsync(HttpMethod.Delete, $"/api/v1/api-tokens/{id}", admin)) { }
        using (await SendAsync(HttpMethod.Get, "/api/v1/articles", token)) { }
        App.Clock.Advance(TimeSpan.FromDays(8));
        using (await SendAsync(HttpMethod.Get, "/api/v1/articles", token)) { }

        var lines = _logs.Lines;
        var secret = token["cms_pat_".Length..];
        Assert.That(lines, Is.Not.Empty, "the capture works");
        Assert.That(lines.Where(l => l.Contains(secret[..16], StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task APasswordAnAdminResetsNeverAppearsInAnyLogLine()
    {
        var admin = await SignInAsAdminAsync();
        var (username, _, _) = await CreateUserAsync("author");
        var id = await ScalarAsync<Guid>($"SELECT id FROM users WHERE username = '{username}'");
        _logs.Clear();

        using var reset = await SendAsync(HttpMethod.Post, $"/api/v1/users/{id}/password-reset", admin);
        var password = (await JsonAsync(reset))["password"]!.GetValue<string>();
        var token = await SignInAsync(username, password);
        using (await SendAsync(HttpMethod.Get, "/api/v1/users/me", token)) { }

        var lines = _logs.Lines;
        Assert.That(lines, Is.Not.Empty, "the capture works");
        Assert.That(lines.Where(l => l.Contains(password, StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task ATokenInTheAddressIsNotAcceptedSoClientsNeverPutOneThere()
    {
        var token = await SignInAsAdminAsync();
        foreach (var url in new[] { $"/api/v1/users/me?access_token={token}", $"/api/v1/users/me?token={token}" })
        {
            using var response = await Client.GetAsync(url);
            await AssertProblemAsync(response, 401, "unauthenticated");
        }
    }

    /// <summary>Keeps every formatted message and exception text, from every category, at every level.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public void Clear() => _lines.Clear();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
