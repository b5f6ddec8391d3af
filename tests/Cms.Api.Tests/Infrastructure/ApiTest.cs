using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cms.Api.Data;
using Cms.Api.ReadPath;
using Cms.Api.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Respawn;

namespace Cms.Api.Tests.Infrastructure;

/// <summary>
/// A fixture owns one database and one running service; before each test the data is wiped (Respawn) and the
/// bootstrap admin put back, so tests share nothing.
/// </summary>
public abstract class ApiTest
{
    private Respawner? _respawner;

    protected CmsApp App { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    protected string ConnectionString { get; private set; } = "";

    /// <summary>Configuration a fixture needs beyond the defaults (keys as in appsettings: "Cms:Sessions:IdleTimeoutSeconds").</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Serve on real Kestrel with the real clock (browser tests), instead of the in-memory server and a fake clock.</summary>
    protected virtual bool OnKestrel => false;

    /// <summary>On Kestrel, still serve on the fake clock: a browser test then moves the page's clock (Playwright's) along with it.</summary>
    protected virtual bool FakeClockOnKestrel => false;

    /// <summary>Services a fixture adds to (or replaces in) the service, after the service's own.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected DateTimeOffset Now => OnKestrel && !FakeClockOnKestrel ? TimeProvider.System.GetUtcNow() : App.Clock.GetUtcNow();

    /// <summary>What a fixture arranges outside before its service starts (a bucket, say), so <see cref="Settings"/> can name it.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    [OneTimeSetUp]
    public async Task StartServiceAsync()
    {
        await PrepareAsync();
        // The fixture's name, with its arguments when it is run once per argument (SearchTests("walk")): a database each.
        var name = new string(("t_" + TestContext.CurrentContext.Test.Name).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        ConnectionString = await TestPostgres.CreateMigratedDatabaseAsync(name[..Math.Min(name.Length, 63)]);
        App = OnKestrel ? CmsApp.StartOnKestrel(ConnectionString, Settings, ConfigureServices, fakeClock: FakeClockOnKestrel) : new CmsApp(ConnectionString, Settings, services: ConfigureServices);
        // Redirects are answers to assert (301 for a former slug), not something to follow.
        Client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = App.Address });
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__EFMigrationsHistory", "server_secrets"],
        });
        await Listening(App).WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Completes once the instance hears other writers' content changes (its LISTEN is in place).</summary>
    protected internal static Task Listening(CmsApp app) =>
        app.Services.GetServices<IHostedService>().OfType<ContentChangeListener>().Single().Listening;

    /// <summary>
    /// Runs <paramref name="write"/> and waits, without polling, until <paramref name="app"/> has heard of a content
    /// change since: a write through another instance or a raw connection reaches it by NOTIFY, a moment later.
    /// </summary>
    protected internal static async Task HeardAsync(CmsApp app, Func<Task> write)
    {
        var epoch = app.Services.GetRequiredService<ContentEpoch>();
        var before = epoch.Value;
        await write();
        await epoch.AdvancedPastAsync(before, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [SetUp]
    public async Task ResetDataAsync()
    {
        // The reset empties content tables, whose triggers tell the service: heard before the test starts, so that
        // notification cannot invalidate something the test has just cached.
        await HeardAsync(App, async () =>
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            // The service's background work (webhook deliveries, the visibility scan, purges) may write a table the
            // reset is emptying, and PostgreSQL cancels one of the two; when it is the reset, it runs again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await _respawner!.ResetAsync(connection);
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
                {
                }
            }
        });

        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync(CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopServiceAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Runs a query on the test's database, for checks HTTP cannot make (what is stored, and how).</summary>
    protected async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    /// <summary>
    /// Runs a write the service is not told of (triggers off for this session): the way to show that an answer came
    /// from the cache. It skips the sync and counter stamps too, so use it only for what the cache must not see.
    /// </summary>
    protected Task UnheardAsync(string sql, params object[] parameters) => UnheardOnAsync(ConnectionString, sql, parameters);

    protected static async Task UnheardOnAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET session_replication_role = replica", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        await command.ExecuteNonQueryAsync();
    }

    protected async Task<T> WithDbAsync<T>(Func<CmsDbContext, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CmsDbContext>());
    }

    protected internal static HttpRequestMessage Request(HttpMethod method, string url, string? token = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    protected Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token = null, object? body = null) =>
        Client.SendAsync(Request(method, url, token, body));

    protected async Task<HttpResponseMessage> SignInResponseAsync(string username, string password, string? clientAddress = null)
    {
        var request = Request(HttpMethod.Post, "/api/v1/sessions", body: new { username, password });
        if (clientAddress is not null)
        {
            request.Headers.Add(CmsApp.ClientAddressHeader, clientAddress);
        }

        return await Client.SendAsync(request);
    }

    protected async Task<string> SignInAsync(string username, string password)
    {
        using var response = await SignInResponseAsync(username, password);
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response))["token"]!.GetValue<string>();
    }

    protected Task<string> SignInAsAdminAsync() => SignInAsync(CmsApp.AdminUsername, CmsApp.AdminPassword);

    /// <summary>Creates a user through the API as the admin and returns a signed-in token for it.</summary>
    protected async Task<(string Username, string Password, string Token)> CreateUserAsync(string role, string? username = null)
    {
        username ??= role + "-" + Guid.NewGuid().ToString("N")[..8];
        const string password = "correct horse battery";
        var admin = await SignInAsAdminAsync();
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/users", admin, new { username, password, displayName = "User " + username, role });
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (username, password, await SignInAsync(username, password));
    }

    /// <summary>Makes an API token through the API (as <paramref name="adminToken"/>'s admin) and returns its secret.</summary>
    protected internal static async Task<string> CreateApiTokenAsync(HttpClient client, string adminToken, string[] scopes, int? expiresInDays = null)
    {
        using var response = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/api-tokens", adminToken,
            new { name = "Build server", scopes, expiresInDays }));
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return (await ReadAsync<Cms.Api.ApiTokens.CreatedApiTokenResponse>(response)).Token;
    }

    protected static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    protected internal static readonly System.Text.Json.JsonSerializerOptions ServiceJson = CreateServiceJson();

    /// <summary>
    /// The service's options, and as strict as walking the JSON with <c>!</c> was: a property the service always writes
    /// must be there (only those it leaves out when null may be missing), and null only where the type allows it.
    /// </summary>
    private static System.Text.Json.JsonSerializerOptions CreateServiceJson()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)
        {
            RespectNullableAnnotations = true,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
            {
                Modifiers =
                {
                    type =>
                    {
                        foreach (var property in type.Properties)
                        {
                            var ignore = property.AttributeProvider?.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), true)
                                .Cast<System.Text.Json.Serialization.JsonIgnoreAttribute>().FirstOrDefault();
                            property.IsRequired |= property.AssociatedParameter is not null && ignore is null;
                        }
                    },
                },
            },
        };
        Cms.Api.Startup.ApiSetup.ConfigureJson(options);
        return options;
    }

    /// <summary>Reads the body as the service's own response type, with the service's JSON options.</summary>
    protected internal static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        System.Text.Json.JsonSerializer.Deserialize<T>(await response.Content.ReadAsStringAsync(), ServiceJson)
        ?? throw new InvalidOperationException($"The body is null, not a {typeof(T).Name}.");

    /// <summary>GETs <paramref name="url"/>, which must answer 200, as the service's own response type.</summary>
    protected internal static async Task<T> GetOkAsync<T>(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), url);
        return await ReadAsync<T>(response);
    }

    /// <summary>The bootstrap admin's token from the service behind <paramref name="client"/>.</summary>
    protected internal static async Task<string> AdminTokenAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/sessions", new { username = CmsApp.AdminUsername, password = CmsApp.AdminPassword });
        return (await ReadAsync<Cms.Api.Sessions.SignInResponse>(response)).Token;
    }

    protected internal static async Task<int> StatusOfAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return (int)response.StatusCode;
    }

    /// <summary>Asserts a problem+json answer with this status and code, and returns its body.</summary>
    protected static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var body = JsonNode.Parse(text)!.AsObject();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body["status"]!.GetValue<int>(), Is.EqualTo(status));
            Assert.That(body["code"]!.GetValue<string>(), Is.EqualTo(code));
            Assert.That(body["title"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
            Assert.That(body["traceId"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
            Assert.That(text, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace or exception type reaches a client");
        }

        return body;
    }
}
