using System.Diagnostics.Metrics;

namespace Cms.Api.Media.Renditions;

/// <summary>Encodes made (meter Cms.Media: cms.media.encodes, cms.media.encode.duration), and their count for this instance.</summary>
public sealed class RenditionMetrics
{
    public const string MeterName = "Cms.Media";

    private readonly Counter<long> _encodes;
    private readonly Histogram<double> _duration;
    private long _count;

    public RenditionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _encodes = meter.CreateCounter<long>("cms.media.encodes", description: "Renditions encoded (cache misses that made bytes).");
        _duration = meter.CreateHistogram<double>("cms.media.encode.duration", unit: "ms", description: "Time to decode, resize and encode one rendition.");
    }

    /// <summary>Renditions this instance has encoded since it started.</summary>
    public long Encodes => Interlocked.Read(ref _count);

    public void Encoded(RenditionFormat format, TimeSpan took)
    {
        Interlocked.Increment(ref _count);
        var tag = new KeyValuePair<string, object?>("format", RenditionFormats.Extension(format));
        _encodes.Add(1, tag);
        _duration.Record(took.TotalMilliseconds, tag);
    }
}
