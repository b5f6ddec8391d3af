using Cms.Api.Infrastructure.Observability;

namespace Cms.Api.Views;

/// <summary>
/// How far view counting is behind the database, read from memory at scrape time: the views not yet written, and how
/// long the oldest of them has waited (about one flush interval when healthy; growing while writes fail or hang).
/// </summary>
internal sealed class ViewMetrics
{
    public ViewMetrics(CmsMetrics metrics, ViewFlusher flusher, TimeProvider time)
    {
        metrics.Meter.CreateObservableGauge("cms.views.pending", () => flusher.Unwritten().Views, "{view}",
            "Views counted by this instance and not yet written to the database.");
        metrics.Meter.CreateObservableGauge("cms.views.flush.lag", () => flusher.Unwritten().Since is { } since ? Math.Max(0, (time.GetUtcNow() - since).TotalSeconds) : 0,
            "s", "How long the oldest view not yet written has waited (0 when none waits).");
    }
}
