using System.Diagnostics.Metrics;

namespace Cms.Api.Infrastructure.Observability;

/// <summary>The service's own instruments (meter "Cms"), next to ASP.NET Core's, Npgsql's and the runtime's.</summary>
public sealed class CmsMetrics : IDisposable
{
    public const string MeterName = "Cms";

    private readonly Meter _meter;
    private readonly Counter<long> _readCache;
    private readonly Counter<long> _replicaReads;
    private readonly Histogram<long> _replicaLag;

    public CmsMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _readCache = _meter.CreateCounter<long>("cms.read_cache.requests", "{request}", "Anonymous reads the read cache answered (result=hit) or had to read (result=miss).");
        _replicaReads = _meter.CreateCounter<long>("cms.replica.reads", "{read}",
            "Anonymous reads routed to the replica (target=replica) or kept on the primary because the replica was behind or down (target=primary).");
        _replicaLag = _meter.CreateHistogram<long>("cms.replica.lag", "By",
            "WAL bytes the replica had still to replay, behind the changes this instance had heard of, when a read found it behind.");
    }

    public Meter Meter => _meter;

    public void ReadCacheHit() => _readCache.Add(1, new KeyValuePair<string, object?>("result", "hit"));

    public void ReadCacheMiss() => _readCache.Add(1, new KeyValuePair<string, object?>("result", "miss"));

    public void ReplicaRead(bool onReplica, long? bytesBehind)
    {
        _replicaReads.Add(1, new KeyValuePair<string, object?>("target", onReplica ? "replica" : "primary"));
        if (bytesBehind is { } behind)
        {
            _replicaLag.Record(behind);
        }
    }

    public void Dispose() => _meter.Dispose();
}
