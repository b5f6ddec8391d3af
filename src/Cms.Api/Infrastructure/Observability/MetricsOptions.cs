namespace Cms.Api.Infrastructure.Observability;

/// <summary>Bound from <c>Cms:Metrics</c>: OpenTelemetry metrics for Prometheus, off unless an operator turns them on.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Cms:Metrics";

    public const string Grpc = "grpc";

    public const string HttpProtobuf = "http/protobuf";

    /// <summary>Serve <c>/metrics</c> (Prometheus text). Off by default: readers must not see it.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Answer <c>/metrics</c> only on this port (add it to ASPNETCORE_URLS, and keep it off the load balancer); null: any
    /// port the service listens on, for a deployment whose proxy does not forward /metrics.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>The OpenTelemetry collector traces go to (http://collector:4317 for gRPC, :4318 for HTTP); null: no traces.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// OTLP's transport: <c>grpc</c> (the .NET exporter's default, port 4317) or <c>http/protobuf</c> (port 4318, posted to
    /// the endpoint's <c>/v1/traces</c>). This setting decides, not OTEL_EXPORTER_OTLP_PROTOCOL.
    /// </summary>
    public string OtlpProtocol { get; set; } = Grpc;

    /// <summary>The service.name resource attribute on spans and metrics.</summary>
    public string ServiceName { get; set; } = "cms";
}
