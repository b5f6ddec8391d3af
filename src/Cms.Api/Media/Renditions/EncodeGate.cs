namespace Cms.Api.Media.Renditions;

/// <summary>
/// At most <c>MaxConcurrentEncodes</c> encodes at once and <c>EncodeQueueLength</c> waiting: a burst of new sizes can
/// take neither every core nor all memory; past the queue a request is refused at once (503) instead of piling up.
/// </summary>
public sealed class EncodeGate(int slots, int queueLength) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(slots, slots);
    private int _waiting;

    /// <summary>A slot, to be disposed when the encode is done; null when every slot and the queue are taken.</summary>
    public async ValueTask<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return new Lease(_slots);
        }

        if (Interlocked.Increment(ref _waiting) > queueLength)
        {
            Interlocked.Decrement(ref _waiting);
            return null;
        }

        try
        {
            await _slots.WaitAsync(cancellationToken);
            return new Lease(_slots);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}

/// <summary>Every encode slot and the queue are taken: answered 503 with Retry-After.</summary>
public sealed class EncodeBusyException() : Exception("Every encode slot and the wait queue are taken.");
