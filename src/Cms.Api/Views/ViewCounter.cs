namespace Cms.Api.Views;

/// <summary>
/// Views counted in memory between flushes. A view is one increment under a lock held for a dictionary update, so
/// thousands per second cost no database work; taking the batch swaps the dictionary under the same lock, so every
/// view lands in exactly one batch.
/// </summary>
public sealed class ViewCounter(TimeProvider time)
{
    private readonly Lock _gate = new();
    private Dictionary<Guid, long> _pending = [];
    private long _views;
    private DateTimeOffset? _since;

    public void Record(Guid articleId, long count = 1)
    {
        lock (_gate)
        {
            _since ??= time.GetUtcNow();
            _pending[articleId] = _pending.GetValueOrDefault(articleId) + count;
            _views += count;
        }
    }

    /// <summary>Everything counted since the last take; the counter starts again from nothing.</summary>
    public ViewBatch Take()
    {
        lock (_gate)
        {
            var batch = new ViewBatch(_pending, _views, _since);
            _pending = new Dictionary<Guid, long>(Math.Max(16, batch.Counts.Count));
            _views = 0;
            _since = null;
            return batch;
        }
    }

    /// <summary>Puts back a batch that could not be written, to go out with the next one.</summary>
    public void Return(ViewBatch batch)
    {
        lock (_gate)
        {
            foreach (var (id, count) in batch.Counts)
            {
                _pending[id] = _pending.GetValueOrDefault(id) + count;
            }

            _views += batch.Views;
            _since = Earliest(_since, batch.Since);
        }
    }

    /// <summary>Views counted and not yet taken, and when the first of them was counted (null: none).</summary>
    public (long Views, DateTimeOffset? Since) Pending()
    {
        lock (_gate)
        {
            return (_views, _since);
        }
    }

    internal static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}

/// <summary>Views taken for one write: per article, in all, and when the first was counted.</summary>
public sealed record ViewBatch(Dictionary<Guid, long> Counts, long Views, DateTimeOffset? Since);
