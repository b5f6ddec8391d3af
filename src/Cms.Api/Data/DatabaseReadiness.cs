using Cms.Api.Infrastructure.Problems;

namespace Cms.Api.Data;

/// <summary>
/// Whether the database has been initialised (migrated, first admin made) by this process. A service that starts
/// while PostgreSQL is down does not crash: it answers 503 and is not ready until initialisation gets through.
/// </summary>
internal sealed class DatabaseReadiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}

internal static class DatabaseReadinessGate
{
    /// <summary>Until the database is initialised, API calls get a quick 503 instead of half-made answers.</summary>
    public static IApplicationBuilder UseDatabaseReadinessGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.RequestServices.GetRequiredService<DatabaseReadiness>().IsReady && context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Headers.RetryAfter = "1";
            await context.WriteProblemAsync(StatusCodes.Status503ServiceUnavailable, ProblemCodes.DatabaseUnavailable, "Service unavailable",
                "The service is starting and the database is not reachable yet; try again shortly.");
            return;
        }

        await next(context);
    });
}
