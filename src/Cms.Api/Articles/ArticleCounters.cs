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

    public sealed record Counters(long Views, long RatingTotal, int RatingCount);

    private sealed class Entry(Counters counters)
    {
        public Counters Counters = counters;
        public long LastRead = DateTime.UtcNow.Ticks;
    }

    public bool TryGet(Guid id, out Counters counters)
    {
        if (_entries.TryGetValue(id, out var entry))
        {
            Volatile.Write(ref entry.LastRead, DateTime.UtcNow.Ticks);
            counters = Volatile.Read(ref entry.Counters);
            return true;
        }

        counters = null!;
        return false;
    }

    public void Set(Guid id, Counters counters) =>
        _entries.AddOrUpdate(id, _ => new Entry(counters), (_, entry) =>
        {
            Volatile.Write(ref entry.Counters, counters);
            return entry;
        });

    /// <summary>Views this instance has just written: added to what is known, so its own readers see them at once.</summary>
    public void AddViews(IReadOnlyDictionary<Guid, long> written)
    {
        foreach (var (id, count) in written)
        {
            if (_entries.TryGetValue(id, out var entry))
            {
                // A refresh may land in between; it reads the database after this flush committed, so it is as new.
                Update(entry, current => current with { Views = current.Views + count });
            }
        }
    }

    public void SetRating(Guid id, long total, int count)
    {
        if (_entries.TryGetValue(id, out var entry))
        {
            Update(entry, current => current with { RatingTotal = total, RatingCount = count });
        }
    }

    /// <summary>Reads one article's counters (a primary-key lookup) and keeps them; false when it has none (deleted).</summary>
    public async Task<bool> LoadAsync(NpgsqlDataSource dataSource, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT view_count, rating_total, rating_count FROM article_stats WHERE article_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id, NpgsqlDbType = NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return false;
        }

        Set(id, new Counters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2)));
        return true;
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
        if (ids.Length == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            "SELECT article_id, view_count, rating_total, rating_count FROM article_stats WHERE article_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (_entries.TryGetValue(reader.GetGuid(0), out var entry))
            {
                Volatile.Write(ref entry.Counters, new Counters(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3)));
            }
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
