using Cms.Api.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cms.Api.Data;

internal static class DatabaseInitializer
{
    /// <summary>Applies migrations (unless turned off) and creates the first admin.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
        {
            await scope.ServiceProvider.GetRequiredService<CmsDbContext>().Database.MigrateAsync(app.Lifetime.ApplicationStopping);
        }

        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync(app.Lifetime.ApplicationStopping);
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
