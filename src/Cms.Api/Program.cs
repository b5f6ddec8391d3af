using Cms.Api.Infrastructure;
using Cms.Api.Startup;

var builder = WebApplication.CreateBuilder(args);
builder.AddCmsApi();

// Disposed on the way out, so a private PostgreSQL this process started is stopped even after "migrate".
await using var app = builder.Build();
app.UseCmsApi();

if (args.Contains("migrate"))
{
    await app.MigrateAsync();
    return;
}

if (args is ["users", .. var command])
{
    await app.MigrateAsync();
    Environment.ExitCode = await app.RunUsersCommandAsync(command);
    return;
}

if (!BuildTime.IsGeneratingOpenApi)
{
    await app.InitializeDatabaseAsync();
}

await app.RunAsync();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
