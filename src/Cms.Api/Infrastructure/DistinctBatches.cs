using System.Threading.Channels;

namespace Cms.Api.Infrastructure;

/// <summary>
/// Takes group-commit batches from a queue with no key twice in one batch (one statement changes a row once): a repeat
/// waits for a later batch. Used by one reader at a time.
/// </summary>
internal sealed class DistinctBatches<T, TKey>(ChannelReader<T> queue, Func<T, TKey> key, int maxBatch) where TKey : notnull
{
    private readonly Queue<T> _deferred = new();

    /// <summary>True when there is something to take; false once the queue is completed and empty.</summary>
    public async ValueTask<bool> WaitAsync() => _deferred.Count > 0 || await queue.WaitToReadAsync();

    /// <summary>Fills <paramref name="batch"/> with what is waiting, repeats of earlier batches first.</summary>
    public void Fill(List<T> batch)
    {
        var keys = new HashSet<TKey>();
        var repeats = new List<T>();
        var deferred = _deferred.Count;
        while (batch.Count < maxBatch)
        {
            T item;
            if (deferred > 0)
            {
                item = _deferred.Dequeue();
                deferred--;
            }
            else if (!queue.TryRead(out item!))
            {
                break;
            }

            if (keys.Add(key(item)))
            {
                batch.Add(item);
            }
            else
            {
                repeats.Add(item);
            }
        }

        repeats.ForEach(_deferred.Enqueue);
    }
}
