namespace Cms.Api.Infrastructure;

public static class Clock
{
    /// <summary>
    /// Now, cut to PostgreSQL's microsecond precision, so a time handed to a client equals the one it reads back later.
    /// </summary>
    public static DateTimeOffset Now(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }
}
