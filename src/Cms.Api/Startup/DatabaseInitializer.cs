using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace Cms.Api.Startup;

internal static class DatabaseInitializer
{
    /// <summary>
    /// Applies migrations (unless turned off) and creates the first admin. When PostgreSQL cannot be reached the
    /// service starts anyway, not ready and answering 503, and keeps trying in the background until it gets through.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var readiness = app.Services.GetRequiredService<DatabaseReadiness>();
        var stopping = app.Lifetime.ApplicationStopping;
        try
        {
            await InitializeOnceAsync(app, stopping);
            readiness.MarkReady();
        }
        catch (Exception e) when (e.IsDatabaseUnavailable())
        {
            app.Logger.LogWarning("PostgreSQL cannot be reached ({Reason}); starting not ready, retrying every second.", e.Message);
            _ = Task.Run(() => RetryUntilInitializedAsync(app, readiness, stopping), stopping);
        }
    }

    private static async Task RetryUntilInitializedAsync(WebApplication app, DatabaseReadiness readiness, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                await InitializeOnceAsync(app, stopping);
                readiness.MarkReady();
                app.Logger.LogInformation("PostgreSQL reached; the database is initialised and the service is ready.");
                return;
            }
            catch (Exception e) when (e.IsDatabaseUnavailable() && !stopping.IsCancellationRequested)
            {
                app.Logger.LogDebug("PostgreSQL still unreachable: {Reason}", e.Message);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                // Not an outage (a failed migration, say): stay not ready and say why, loudly.
                app.Logger.LogError(e, "Initialising the database failed; the service stays not ready.");
                return;
            }
        }
    }

    private static async Task InitializeOnceAsync(WebApplication app, CancellationToken stopping)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.MigrateOnStart)
        {
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            var database = db.Database;
            // A database this start creates from nothing is the one (and only) time sample content goes in.
            var history = database.GetService<IHistoryRepository>();
            var applied = await history.ExistsAsync(stopping) ? await history.GetAppliedMigrationsAsync(stopping) : [];
            RefuseUnknownMigrations(applied.Select(m => m.MigrationId), database.GetMigrations());
            var created = applied.Count == 0;
            await db.MigrateUnhurriedAsync(stopping);
            if (created && app.Configuration.GetValue<bool>("Cms:SampleContent:Enabled"))
            {
                await scope.ServiceProvider.GetRequiredService<SampleContent>().SeedAsync(stopping);
                app.Logger.LogInformation("Seeded sample content: try GET /api/v1/articles");
            }
        }

        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync(stopping);
    }

    /// <summary>
    /// The schema was squashed into one migration before the first release: a database made by the old ones cannot be
    /// brought forward, and saying so beats failing halfway through CREATE TABLE.
    /// </summary>
    private static void RefuseUnknownMigrations(IEnumerable<string> applied, IEnumerable<string> known)
    {
        var unknown = applied.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database was made by migrations this build does not have ({string.Join(", ", unknown)}). It is from a build " +
                "before the schema was squashed: delete the local data folder (see README, 'An old local database') or drop the database, and start again.");
        }
    }

    /// <summary><c>dotnet run --project src/Cms.Api -- users ...</c> (see UsersCommand): manage users and exit.</summary>
    public static Task<int> RunUsersCommandAsync(this WebApplication app, string[] command) =>
        UsersCommand.RunAsync(app.Services, command, Console.Out, Console.Error);

    /// <summary><c>dotnet run --project src/Cms.Api -- migrate</c>: apply migrations and exit.</summary>
    public static async Task MigrateAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.MigrateUnhurriedAsync();
        app.Logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, pending.Count == 0 ? "none pending" : string.Join(", ", pending));
    }
}
