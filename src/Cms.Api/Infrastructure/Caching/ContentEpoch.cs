namespace Cms.Api.Infrastructure.Caching;

/// <summary>
/// A number that changes whenever content that readers see may have changed (articles, authors, categories), on this
/// instance or, through PostgreSQL NOTIFY, on any other. Anything cached from the database is stamped with the epoch
/// it was read in and is good only while the epoch is the same.
/// </summary>
public sealed class ContentEpoch
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Advance() => Interlocked.Increment(ref _value);
}
