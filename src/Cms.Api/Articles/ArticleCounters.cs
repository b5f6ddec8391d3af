using System.Text.Json;
using System.Collections.Concurrent;
using Cms.Api.Infrastructure.Caching;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Cms.Api.Articles;

/// <summary>
/// The live counters (views, rating totals) of articles read lately, kept in memory so a kept article answer can carry
/// fresh counters without asking the database. They come from three places: what this instance flushed (views) or
/// saved (ratings) itself, at once; and, for what other instances wrote, a refresh of every article read in the last
/// half minute (Cms:ReadCache:CountersForgetSeconds) once a second (one query for all of them). So a view shows within
/// flush + refresh, about two seconds.
/// </summary>
public sealed class ArticleCounters(IOptions<ReadCacheOptions> options)
{
    private readonly long _forgetAfterTicks = TimeSpan.FromSeconds(options.Value.CountersForgetSeconds).Ticks;
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    /// <summary>One article's counters. Never changed, only replaced, so a reader always sees views and rating together.</summary>
    public sealed class Counters(long views, long ratingTotal, int ratingCount)
    {
        private Written? _written;

        public long Views => views;

        public long RatingTotal => ratingTotal;

        public int RatingCount => ratingCount;

        /// <summary>How they read in an article's JSON; made once per value, as a page of twenty writes them on every read.</summary>
        public Written Json(JsonSerializerOptions json) => _written ??= new Written(
            JsonSerializer.SerializeToUtf8Bytes(views), JsonSerializer.SerializeToUtf8Bytes(RatingSummary.Of(ratingTotal, ratingCount), json));

        public bool Equals(long otherViews, long otherRatingTotal, int otherRatingCount) =>
            views == otherViews && ratingTotal == otherRatingTotal && ratingCount == otherRatingCount;
    }

    /// <summary>The view count and the rating object, as JSON.</summary>
    public sealed record Written(byte[] Views, byte[] Rating);

    private sealed class Entry(Counters counters)
    {
        public Counters Counters = counters;
        public long LastRead = DateTime.UtcNow.Ticks;
    }

    public bool TryGet(Guid id, out Counters counters)
    {
        if (_entries.TryGetValue(id, out var entry))
        {
            // Written at most once a second: a page read writes twenty of these, and both cores read the popular ones.
            var now = DateTime.UtcNow.Ticks;
            if (now - Volatile.Read(ref entry.LastRead) > TimeSpan.TicksPerSecond)
            {
                Volatile.Write(ref entry.LastRead, now);
            }

            counters = Volatile.Read(ref entry.Counters);
            return true;
        }

        counters = null!;
        return false;
    }

    /// <summary>
    /// Counters as just read with an article. What is already known wins: it is refreshed every second and has this
    /// instance's own writes, so it is never older than a read that may have started before them.
    /// </summary>
    public void Know(Guid id, Counters counters) => _entries.TryAdd(id, new Entry(counters));

    /// <summary>Views this instance has just written: added to what is known, so its own readers see them at once.</summary>
    public void AddViews(IReadOnlyDictionary<Guid, long> written)
    {
        foreach (var (id, count) in written)
        {
            if (_entries.TryGetValue(id, out var entry))
            {
                // A refresh may land in between; it reads the database after this flush committed, so it is as new.
                Update(entry, current => new Counters(current.Views + count, current.RatingTotal, current.RatingCount));
            }
        }
    }

    public void SetRating(Guid id, long total, int count)
    {
        if (_entries.TryGetValue(id, out var entry))
        {
            Update(entry, current => new Counters(current.Views, total, count));
        }
    }

    /// <summary>
    /// Reads these articles' counters (one query) and keeps them, for kept answers whose counters were forgotten. False
    /// when one of them has none (deleted): the answer holding it must be made again.
    /// </summary>
    public async Task<bool> LoadAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var found = 0;
        await ReadAsync(dataSource, ids, (id, views, ratingTotal, ratingCount) =>
        {
            found++;
            var counters = new Counters(views, ratingTotal, ratingCount);
            _entries.AddOrUpdate(id, _ => new Entry(counters), (_, entry) =>
            {
                Volatile.Write(ref entry.Counters, counters);
                return entry;
            });
        }, cancellationToken);
        return found == ids.Count;
    }

    /// <summary>Reads the counters of every article read lately from the database; forgets those nobody read for a while.</summary>
    public async Task RefreshAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow.Ticks;
        foreach (var (id, entry) in _entries)
        {
            if (now - Volatile.Read(ref entry.LastRead) > _forgetAfterTicks)
            {
                _entries.TryRemove(new KeyValuePair<Guid, Entry>(id, entry));
            }
        }

        var ids = _entries.Keys.ToArray();
        if (ids.Length > 0)
        {
            await ReadAsync(dataSource, ids, (id, views, ratingTotal, ratingCount) =>
            {
                // Most have not changed: keeping those objects keeps their JSON, and saves making thousands a second.
                if (_entries.TryGetValue(id, out var entry) && !Volatile.Read(ref entry.Counters).Equals(views, ratingTotal, ratingCount))
                {
                    Volatile.Write(ref entry.Counters, new Counters(views, ratingTotal, ratingCount));
                }
            }, cancellationToken);
        }
    }

    private static async Task ReadAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<Guid> ids, Action<Guid, long, long, int> read,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT article_id, view_count, rating_total, rating_count FROM article_stats WHERE article_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids as Guid[] ?? ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3));
        }
    }

    /// <summary>Changes one entry's counters without losing a change made by another thread at the same moment.</summary>
    private static void Update(Entry entry, Func<Counters, Counters> change)
    {
        Counters current;
        do
        {
            current = Volatile.Read(ref entry.Counters);
        }
        while (Interlocked.CompareExchange(ref entry.Counters, change(current), current) != current);
    }
}

/// <summary>Refreshes <see cref="ArticleCounters"/> once a second (wall-clock: an operational cadence).</summary>
internal sealed class ArticleCounterRefresher(ArticleCounters counters, NpgsqlDataSource dataSource, ILogger<ArticleCounterRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await counters.RefreshAsync(dataSource, stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Refreshing article counters failed; the next tick tries again");
            }
        }
    }
}
