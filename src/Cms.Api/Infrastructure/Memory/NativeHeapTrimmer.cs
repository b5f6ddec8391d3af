namespace Cms.Api.Infrastructure.Memory;

/// <summary>
/// Gives native memory back once a burst of image work has gone quiet: decodes free what they allocated, but glibc keeps
/// the pages until asked (<see cref="NativeHeap.Trim"/>). Trimming after every decode would cost each one a walk of the
/// heap; waiting for <see cref="Quiet"/> with nothing in flight costs one walk a burst.
/// </summary>
public sealed class NativeHeapTrimmer : IDisposable
{
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private readonly ITimer _timer;
    private int _working;
    private int _trims;

    public NativeHeapTrimmer(TimeProvider time) =>
        _timer = time.CreateTimer(_ => TrimIfQuiet(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>Trims that ran (whether or not the platform has a heap to trim).</summary>
    public int Trims => Volatile.Read(ref _trims);

    /// <summary>Native work in flight, to be disposed when done: the quiet period starts when the last one ends.</summary>
    public IDisposable Working()
    {
        Interlocked.Increment(ref _working);
        return new Work(this);
    }

    public void Dispose() => _timer.Dispose();

    private void Done()
    {
        if (Interlocked.Decrement(ref _working) == 0)
        {
            _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void TrimIfQuiet()
    {
        if (Volatile.Read(ref _working) == 0)
        {
            NativeHeap.Trim();
            Interlocked.Increment(ref _trims);
        }
    }

    private sealed class Work(NativeHeapTrimmer trimmer) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                trimmer.Done();
            }
        }
    }
}
