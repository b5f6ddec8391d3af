using System.Globalization;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Cms.Api.Infrastructure.Observability;

internal static class ObservabilitySetup
{
    public static IServiceCollection AddCmsObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName))
            .Validate(o => o.Port is null or > 0 and < 65536, "Cms:Metrics:Port must be a TCP port.")
            .ValidateOnStart();
        services.AddSingleton<CmsMetrics>();
        var options = configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        var telemetry = services.AddOpenTelemetry();
        if (options.Enabled)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", CmsMetrics.MeterName)
                .AddPrometheusExporter());
        }

        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource("Npgsql")
                .AddOtlpExporter(otlp => otlp.Endpoint = new Uri(options.OtlpEndpoint)));
        }

        return services;
    }

    /// <summary>/metrics when turned on, on its own port when one is set.</summary>
    public static IEndpointRouteBuilder MapCmsMetrics(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value;
        if (options.Enabled)
        {
            var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
            if (options.Port is { } port)
            {
                endpoint.RequireHost("*:" + port.ToString(CultureInfo.InvariantCulture));
            }
        }

        return app;
    }
}
