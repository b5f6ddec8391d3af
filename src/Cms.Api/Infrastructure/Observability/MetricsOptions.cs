namespace Cms.Api.Infrastructure.Observability;

/// <summary>Bound from <c>Cms:Metrics</c>: OpenTelemetry metrics for Prometheus, off unless an operator turns them on.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Cms:Metrics";

    /// <summary>Serve <c>/metrics</c> (Prometheus text). Off by default: readers must not see it.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Answer <c>/metrics</c> only on this port (add it to ASPNETCORE_URLS, and keep it off the load balancer); null: any
    /// port the service listens on, for a deployment whose proxy does not forward /metrics.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>Where to send traces (OTLP, gRPC or HTTP per OTEL_EXPORTER_OTLP_PROTOCOL); null: no traces.</summary>
    public string? OtlpEndpoint { get; set; }
}
