namespace Cms.Api.Views;

/// <summary>
/// Views counted in memory between flushes. A view is one increment under a lock held for a dictionary update, so
/// thousands per second cost no database work; taking the batch swaps the dictionary under the same lock, so every
/// view lands in exactly one batch.
/// </summary>
public sealed class ViewCounter
{
    private readonly Lock _gate = new();
    private Dictionary<Guid, long> _pending = [];

    public void Record(Guid articleId, long count = 1)
    {
        lock (_gate)
        {
            _pending[articleId] = _pending.GetValueOrDefault(articleId) + count;
        }
    }

    /// <summary>Everything counted since the last take; the counter starts again from nothing.</summary>
    public Dictionary<Guid, long> Take()
    {
        lock (_gate)
        {
            var batch = _pending;
            _pending = new Dictionary<Guid, long>(Math.Max(16, batch.Count));
            return batch;
        }
    }

    /// <summary>Puts back a batch that could not be written, to go out with the next one.</summary>
    public void Return(Dictionary<Guid, long> batch)
    {
        lock (_gate)
        {
            foreach (var (id, count) in batch)
            {
                _pending[id] = _pending.GetValueOrDefault(id) + count;
            }
        }
    }
}
