using Microsoft.Extensions.Options;

namespace Cms.Api.Infrastructure.Memory;

/// <summary>
/// Gives memory back once a busy service goes quiet: the GC keeps the room a load needed (and compacts old objects
/// rarely), glibc keeps freed native pages. A period with at most one request a second on average (health probes) after
/// a busier one makes one full, compacting collection that returns free space to the system, and one heap trim. The kept
/// answers stay: the next reader still finds them.
/// </summary>
public sealed class IdleMemoryRelease(TimeProvider time, IOptions<MemoryOptions> options) : BackgroundService
{
    private readonly TimeSpan _period = TimeSpan.FromSeconds(options.Value.IdleReleaseSeconds);
    private long _requests;
    private long _requestsAtLastTick;
    private bool _busySinceRelease;

    public int Releases { get; private set; }

    /// <summary>Counts a request (the middleware calls it for every one).</summary>
    public void Noticed() => Interlocked.Increment(ref _requests);

    /// <summary>One period's look, as the timer makes it: true when memory was given back.</summary>
    public bool Tick()
    {
        var requests = Volatile.Read(ref _requests);
        var quiet = requests - _requestsAtLastTick <= Math.Max(1, (long)_period.TotalSeconds);
        _requestsAtLastTick = requests;
        if (!quiet)
        {
            _busySinceRelease = true;
            return false;
        }

        if (!_busySinceRelease)
        {
            return false;
        }

        _busySinceRelease = false;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
        Releases++;
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_period <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(_period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Tick();
        }
    }
}
