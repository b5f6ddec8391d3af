using System.Text.Json;
using Cms.Api.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cms.Api.Health;

internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddCmsHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("postgresql", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3));
        if (new ReplicaDataSource(configuration).IsConfigured)
        {
            checks.AddCheck<ReplicaCheck>("postgresql-replica", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3));
        }

        return services;
    }

    public static IEndpointRouteBuilder MapCmsHealthChecks(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. Ready: it can serve, which needs the database.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJson }).ExcludeFromDescription();
        return app;
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        }, cancellationToken: context.RequestAborted);
    }
}
