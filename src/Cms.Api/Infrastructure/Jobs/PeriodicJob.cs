using Npgsql;

namespace Cms.Api.Infrastructure.Jobs;

/// <summary>
/// A job every instance runs on its timer (on the service's <see cref="TimeProvider"/>, so tests move it) but that must be
/// done once across instances: the work runs in a transaction holding the job's advisory lock (<see cref="JobLocks"/>),
/// and an instance that finds it held skips its turn. A run that fails is logged and the next tick tries again, so a
/// database outage never stops the job for good. Subclasses hold only their work.
/// </summary>
internal abstract class PeriodicJob(NpgsqlDataSource dataSource, TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    /// <summary>Time between runs.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>The job's key in <see cref="JobLocks"/>.</summary>
    protected abstract long LockKey { get; }

    /// <summary>One run, as the timer makes it (tests call the subclass's own method, which answers what was done).</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "{Job} failed; the next tick tries again", GetType().Name);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction holding the job's lock, and commits: its result, or null when another
    /// instance holds the lock (nothing done).
    /// </summary>
    protected async Task<T?> UnderLockAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
        where T : struct
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await JobLocks.TryTakeAsync(connection, transaction, LockKey, cancellationToken))
        {
            return null;
        }

        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
