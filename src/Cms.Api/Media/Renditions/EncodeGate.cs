namespace Cms.Api.Media.Renditions;

/// <summary>
/// At most <c>MaxConcurrentEncodes</c> encodes at once and <c>EncodeQueueLength</c> waiting, each for at most
/// <c>EncodeWaitSeconds</c>: a burst of new sizes can take neither every core nor all memory; past the queue, or past the
/// wait, a request is refused (503) instead of piling up.
/// </summary>
public sealed class EncodeGate(int slots, int queueLength, TimeSpan maxWait, TimeProvider time) : IDisposable
{
    /// <summary>What one encode of a large original may hold at its height (decode, resize, encoder), with room to spare.</summary>
    public const long BytesPerEncode = 128L * 1024 * 1024;

    private readonly SemaphoreSlim _slots = new(slots, slots);
    private int _waiting;
    private TaskCompletionSource _queued = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Slots => slots;

    /// <summary>Requests waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Completes once <paramref name="count"/> requests wait at once: a request seen arriving, without polling.</summary>
    public async Task WaitingReachesAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Taken before the check: a request queued between the two completes this one.
            var queued = Volatile.Read(ref _queued).Task;
            if (Waiting >= count)
            {
                return;
            }

            await queued.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Encodes at once when none are configured: one per <see cref="BytesPerEncode"/> of the memory the runtime may use (a
    /// container's limit), at least one, at most one per core. A 256 MiB container (the runtime sees 128) makes one at a time, the rest wait.
    /// </summary>
    public static int DerivedSlots(long availableBytes, int cores) => (int)Math.Clamp(availableBytes / BytesPerEncode, 1, Math.Max(1, cores));

    /// <summary>A slot, to be disposed when the encode is done; null when every slot and the queue are taken, or the wait ran out.</summary>
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

        Interlocked.Exchange(ref _queued, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        using var timeout = new CancellationTokenSource(maxWait, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _slots.WaitAsync(either.Token);
            return new Lease(_slots);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
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

/// <summary>Every encode slot and the queue are taken, or the wait for a slot ran out: answered 503 with Retry-After.</summary>
public sealed class EncodeBusyException() : Exception("Every encode slot is taken and the wait queue is full or its wait ran out.");
