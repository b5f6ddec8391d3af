using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cms.Api.Infrastructure.Observability;

internal static class ObservabilitySetup
{
    public static IServiceCollection AddCmsObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName))
            .Validate(o => o.Port is null or > 0 and < 65536, "Cms:Metrics:Port must be a TCP port.")
            .Validate(o => o.OtlpProtocol is MetricsOptions.Grpc or MetricsOptions.HttpProtobuf, "Cms:Metrics:OtlpProtocol must be grpc or http/protobuf.")
            .Validate(o => string.IsNullOrWhiteSpace(o.OtlpEndpoint) || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out _),
                "Cms:Metrics:OtlpEndpoint must be an absolute URL (http://collector:4317).")
            .ValidateOnStart();
        services.AddSingleton<CmsMetrics>();
        var options = configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(options.ServiceName));
        if (options.Enabled)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", CmsMetrics.MeterName)
                // Each scrape reads afresh: the gauges that query keep their own pace, and tests scrape twice in a row.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        }

        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource("Npgsql")
                .AddOtlpExporter(otlp =>
                {
                    otlp.Protocol = options.OtlpProtocol == MetricsOptions.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                    otlp.Endpoint = TracesEndpoint(options);
                }));
        }

        return services;
    }

    /// <summary>
    /// Where spans go. The setting names the collector (as OTEL_EXPORTER_OTLP_ENDPOINT does); over HTTP the exporter
    /// posts to the URL as given, so the signal's path is added unless the setting already ends with it.
    /// </summary>
    private static Uri TracesEndpoint(MetricsOptions options)
    {
        var endpoint = new Uri(options.OtlpEndpoint!);
        if (options.OtlpProtocol != MetricsOptions.HttpProtobuf || endpoint.AbsolutePath.EndsWith("/v1/traces", StringComparison.Ordinal))
        {
            return endpoint;
        }

        return new Uri(endpoint.GetLeftPart(UriPartial.Authority) + endpoint.AbsolutePath.TrimEnd('/') + "/v1/traces");
    }

    /// <summary>
    /// A feature's gauges, observed at scrape time: <typeparamref name="T"/> creates them on the Cms meter when the metrics
    /// pipeline starts, and is never made when metrics are off.
    /// </summary>
    public static IServiceCollection AddCmsGauges<T>(this IServiceCollection services) where T : class
    {
        services.AddSingleton<T>();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInstrumentation(sp => sp.GetRequiredService<T>()));
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
                // The port the connection came in on, not the Host header (RequireHost): a reader on the public port could
                // name the metrics port in Host.
                endpoint.Add(builder =>
                {
                    var scrape = builder.RequestDelegate!;
                    builder.RequestDelegate = http =>
                    {
                        if (http.Connection.LocalPort == port)
                        {
                            return scrape(http);
                        }

                        http.Response.StatusCode = StatusCodes.Status404NotFound;
                        return Task.CompletedTask;
                    };
                });
            }
        }

        return app;
    }
}
