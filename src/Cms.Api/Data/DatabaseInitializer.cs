using Cms.Api.Content;
using Cms.Api.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace Cms.Api.Data;

internal static class DatabaseInitializer
{
    /// <summary>Applies migrations (unless turned off) and creates the first admin.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var stopping = app.Lifetime.ApplicationStopping;
        if (options.MigrateOnStart)
        {
            var database = scope.ServiceProvider.GetRequiredService<CmsDbContext>().Database;
            // A database this start creates from nothing is the one (and only) time sample content goes in.
            var history = database.GetService<IHistoryRepository>();
            var created = !await history.ExistsAsync(stopping) || (await history.GetAppliedMigrationsAsync(stopping)).Count == 0;
            await database.MigrateAsync(stopping);
            if (created && app.Configuration.GetValue<bool>("Cms:SampleContent:Enabled"))
            {
                await scope.ServiceProvider.GetRequiredService<SampleContent>().SeedAsync(stopping);
                app.Logger.LogInformation("Seeded sample content: try GET /api/v1/articles");
            }
        }

        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync(stopping);
    }

    /// <summary><c>dotnet run --project src/Cms.Api -- migrate</c>: apply migrations and exit.</summary>
    public static async Task MigrateAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        app.Logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, pending.Count == 0 ? "none pending" : string.Join(", ", pending));
    }
}
