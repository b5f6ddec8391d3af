using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Cms.Api.Tests.Infrastructure;
using Cms.Api.Users;

namespace Cms.Api.Tests.Users;

/// <summary>The service's command line, run as a real process on the fixture's database, as an operator would.</summary>
public sealed partial class UsersCommandTests : ApiTest
{
    [GeneratedRegex(@"password(?: for '[^']+')?: (\S+)")]
    private static partial Regex PrintedPassword();

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Cms.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Cms"] = ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await errors);
    }

    [Test]
    public async Task ResettingAPasswordPrintsANewOneAndEndsTheUsersSessions()
    {
        var session = await SignInAsAdminAsync();

        var (exit, output, errors) = await RunAsync("users", "reset-password", CmsApp.AdminUsername);
        var password = PrintedPassword().Match(output).Groups[1].Value;
        using var old = await SignInResponseAsync(CmsApp.AdminUsername, CmsApp.AdminPassword);
        using var fresh = await SignInResponseAsync(CmsApp.AdminUsername, password);
        using var before = await SendAsync(HttpMethod.Get, "/api/v1/sessions/current", session);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exit, Is.Zero, errors);
            Assert.That(password, Has.Length.AtLeast(16), output);
            Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the old password no longer works");
            Assert.That(fresh.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the printed one does");
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "sessions signed in before the reset ended");
        }
    }

    [Test]
    public async Task CreatingAUserGivesThemTheRoleAndAPrintedPassword()
    {
        var (exit, output, errors) = await RunAsync("users", "create", "bien-tap", "--role", "editor", "--name", "Biên tập viên");
        var token = await SignInAsync("bien-tap", PrintedPassword().Match(output).Groups[1].Value);
        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", token);
        var user = await ReadAsync<UserResponse>(me);

        Assert.That(exit, Is.Zero, errors);
        Assert.That((user.Role, user.DisplayName), Is.EqualTo((Cms.Api.Data.Entities.UserRole.Editor, "Biên tập viên")));
    }

    [Test]
    public async Task MistakesAreSaidPlainlyWithAnExitCode()
    {
        var unknown = await RunAsync("users", "reset-password", "khong-co-ai");
        var taken = await RunAsync("users", "create", CmsApp.AdminUsername, "--role", "author");
        var badRole = await RunAsync("users", "create", "ai-do", "--role", "owner");
        var usage = await RunAsync("users", "delete", "x");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((unknown.ExitCode, unknown.Errors.Trim()), Is.EqualTo((1, "No user is called 'khong-co-ai'.")));
            Assert.That(taken.ExitCode, Is.EqualTo(1));
            Assert.That(taken.Errors, Does.Contain("taken"));
            Assert.That(badRole.ExitCode, Is.EqualTo(2));
            Assert.That(badRole.Errors, Does.Contain("admin, editor or author"));
            Assert.That((usage.ExitCode, usage.Errors.Trim()), Is.EqualTo((2, UsersCommand.Usage)));
        }
    }
}

public sealed class ProductionBootstrapTests
{
    [TestCase("")]
    [TestCase("change-me-before-use")]
    [TestCase("short")]
    public async Task ProductionRefusesToStartWithAPlaceholderAdminPassword(string password)
    {
        var database = await TestPostgres.CreateMigratedDatabaseAsync("t_production_bootstrap");
        await using var app = new CmsApp(database, new Dictionary<string, string?>
        {
            ["Cms:Test:Environment"] = "Production",
            ["Cms:Bootstrap:AdminPassword"] = password,
        });

        var refused = Assert.Catch(() => app.CreateClient());

        Assert.That(refused!.ToString(), Does.Contain("Cms:Bootstrap:AdminPassword is empty, a placeholder or shorter than 10 characters"));
    }

    [Test]
    public async Task ProductionStartsWithAChosenOne()
    {
        var database = await TestPostgres.CreateMigratedDatabaseAsync("t_production_bootstrap_ok");
        await using var app = new CmsApp(database, new Dictionary<string, string?> { ["Cms:Test:Environment"] = "Production" });
        using var client = app.CreateClient();

        using var ready = await client.GetAsync("/health/live");

        Assert.That((int)ready.StatusCode, Is.EqualTo(200));
    }
}
