namespace Cms.Api.ReadPath;

/// <summary>
/// A number that moves whenever content readers see may have changed (articles, authors, categories), on this instance
/// or, through NOTIFY, on any other. Everything cached from the database is stamped with the epoch it was read in and is
/// fresh only while the epoch is the same.
/// </summary>
public sealed class ContentEpoch
{
    private long _value;
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Value => Interlocked.Read(ref _value);

    public void Advance()
    {
        Interlocked.Increment(ref _value);
        Interlocked.Exchange(ref _advanced, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Completes once the epoch has moved past <paramref name="value"/> (a change heard), without polling.</summary>
    public async Task AdvancedPastAsync(long value, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Taken before the check: an advance between the two completes this one.
            var advanced = Volatile.Read(ref _advanced).Task;
            if (Value > value)
            {
                return;
            }

            await advanced.WaitAsync(cancellationToken);
        }
    }
}
