using System.Diagnostics.Metrics;
using Cms.Api.Infrastructure.Observability;
using Npgsql;

namespace Cms.Api.Webhooks;

/// <summary>
/// The delivery queue as every instance sees it: deliveries pending (due now, or waiting for a retry's time) and how long
/// the oldest due one has waited past its time. One query on the partial index of pending messages, run by a scrape at
/// most once per <see cref="Refresh"/> per instance; a scrape in between answers the last reading.
/// </summary>
internal sealed class WebhookQueueMetrics
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    private const string QueueSql =
        """
        SELECT count(*) FILTER (WHERE next_attempt_at <= $1), count(*) FILTER (WHERE next_attempt_at > $1), min(next_attempt_at)
        FROM webhook_messages WHERE state = 'pending'
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookQueueMetrics> _logger;
    private readonly Lock _gate = new();
    private Reading? _last;

    public WebhookQueueMetrics(CmsMetrics metrics, NpgsqlDataSource dataSource, TimeProvider time, ILogger<WebhookQueueMetrics> logger)
    {
        _dataSource = dataSource;
        _time = time;
        _logger = logger;
        metrics.Meter.CreateObservableGauge("cms.webhook.queue.depth", ObserveDepth, "{delivery}",
            "Webhook deliveries pending across instances: due now (state=due, in flight included) or waiting for a retry's time (state=waiting).");
        metrics.Meter.CreateObservableGauge("cms.webhook.queue.age", ObserveAge, "s",
            "How long the oldest due webhook delivery has waited past its time (0 when none is due).");
    }

    private IEnumerable<Measurement<long>> ObserveDepth()
    {
        if (Read() is not { } reading)
        {
            return [];
        }

        return
        [
            new Measurement<long>(reading.Due, new KeyValuePair<string, object?>("state", "due")),
            new Measurement<long>(reading.Waiting, new KeyValuePair<string, object?>("state", "waiting")),
        ];
    }

    private IEnumerable<Measurement<double>> ObserveAge() =>
        Read() is { } reading ? [new Measurement<double>(reading.OldestDue is { } oldest ? Math.Max(0, (reading.At - oldest).TotalSeconds) : 0)] : [];

    /// <summary>The last reading while it is fresh, else a new one; null when the database cannot be read (no value is shown).</summary>
    private Reading? Read()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_last is { } last && now - last.At < Refresh && now >= last.At)
            {
                return last;
            }

            try
            {
                // Synchronous: an observable instrument's callback is; the query reads one small index.
                using var command = _dataSource.CreateCommand(QueueSql);
                command.CommandTimeout = 2;
                command.Parameters.Add(new NpgsqlParameter { Value = now });
                using var reader = command.ExecuteReader();
                reader.Read();
                _last = new Reading(now, reader.GetInt64(0), reader.GetInt64(1),
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2) is var first && first <= now ? first : null);
                return _last;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                _logger.LogDebug(e, "Reading the webhook queue for the metrics failed");
                _last = null;
                return null;
            }
        }
    }

    private sealed record Reading(DateTimeOffset At, long Due, long Waiting, DateTimeOffset? OldestDue);
}
