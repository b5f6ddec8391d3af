using Microsoft.Extensions.Options;

namespace Cms.Api.Infrastructure.Passwords;

/// <summary>Bounds how many password hashes run at once (see <see cref="PasswordHashingOptions.MaxConcurrentHashes"/>).</summary>
internal sealed class PasswordHashingGate(IOptions<PasswordHashingOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentHashes, options.Value.MaxConcurrentHashes);

    /// <summary>Runs <paramref name="hashing"/> in a slot; false (without running it) when none came free in time.</summary>
    public async Task<(bool Ran, T Result)> TryRunAsync<T>(Func<T> hashing, CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(options.Value.QueueTimeoutMilliseconds, cancellationToken))
        {
            return (false, default!);
        }

        try
        {
            // On a thread of its own, not a thread-pool worker: with two cores the pool keeps few workers, and a
            // ~0.1 s hash holding one of them starved the reads queued behind it (3,540 reads/s during a flood
            // instead of ~25,000, measured after the list scenarios had let the pool shrink).
            return (true, await Task.Factory.StartNew(hashing, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
