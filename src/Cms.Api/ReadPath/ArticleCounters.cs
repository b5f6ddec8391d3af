using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Cms.Api.ReadPath;

/// <summary>
/// Live counters of articles read lately, for cached answers: this instance's own writes at once, others' through
/// <see cref="RefreshAsync"/> once a second (Data/Sql/counter_stamps.sql); unread ones are evicted after a while.
/// </summary>
public sealed class ArticleCounters(TimeProvider time, IOptions<ReadCacheOptions> options) : IDisposable
{
    private readonly long _evictAfterTicks = TimeSpan.FromSeconds(options.Value.CountersForgetSeconds).Ticks;
    // How stale a read time may be written: often enough that a counter read all along is never taken for unused.
    private readonly long _touchAfterTicks = TimeSpan.FromSeconds(options.Value.CountersForgetSeconds).Ticks / 8;
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    // The oldest transaction still running before the last refresh read: every counter written since has a stamp at or
    // above it. Null until a refresh succeeded, and then every held counter is read by id.
    private ulong? _changedSince;

    // Moves after a held counter's value is replaced or a counter is evicted (never before: a reader that sees the new
    // generation sees the new value). Adding a counter does not move it: no answer holding it can have checked it.
    private long _generation;

    /// <summary>
    /// Which counters are held and their values, as one number: a cached answer that found all of its counters at this
    /// generation has the same bytes while it holds (<see cref="CounterSplicedBody"/>), and looks none of them up.
    /// </summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>The clock's ticks now, for <see cref="NeedsTouch"/>.</summary>
    public long Now => time.GetUtcNow().UtcTicks;

    /// <summary>
    /// True when counters last read (<see cref="TryGet"/>) at <paramref name="readAt"/> should be read again to stay held:
    /// an answer that skips the lookups while the generation holds still reads them this often, so nothing it shows is
    /// evicted as unread.
    /// </summary>
    public bool NeedsTouch(long readAt, long now) => now - readAt > _touchAfterTicks;

    /// <summary>
    /// One article's counters and which write of its row they are from (article_stats.change_count; 0: unknown). Values
    /// are replaced, never changed, so views and rating are always read together, and only by a later write's.
    /// </summary>
    public sealed class Counters(long views, long ratingTotal, int ratingCount, long version = 0)
    {
        private Json? _json;

        // Raised only under the owning entry's lock (Offer), read there too.
        internal long Version = version;

        public long Views => views;

        public long RatingTotal => ratingTotal;

        public int RatingCount => ratingCount;

        public bool SameValues(Counters other) =>
            views == other.Views && ratingTotal == other.RatingTotal && ratingCount == other.RatingCount;

        /// <summary>How they read in an article's JSON; made once per value, as a page of twenty writes them on every read.</summary>
        public Json ToJson(JsonSerializerOptions json) => _json ??= new Json(
            this, JsonSerializer.SerializeToUtf8Bytes(views), JsonSerializer.SerializeToUtf8Bytes(RatingSummary.Of(ratingTotal, ratingCount), json));
    }

    /// <summary>The view count and the rating object as JSON, and the counters they were written from.</summary>
    public sealed record Json(Counters Source, byte[] Views, byte[] Rating);

    private sealed class Entry(Counters counters, long now)
    {
        public Counters Counters = counters;
        public long LastRead = now;

        // Read by id at the next refresh: its counters were read at some moment before it was added, and a write in
        // between may already be behind the refresh's stamp.
        public volatile bool New = true;
    }

    public bool TryGet(Guid id, out Counters counters)
    {
        if (_entries.TryGetValue(id, out var entry))
        {
            // Written only when it has aged a little: a page read touches twenty of these, and both cores read the popular ones.
            var now = time.GetUtcNow().UtcTicks;
            if (now - Volatile.Read(ref entry.LastRead) > _touchAfterTicks)
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
    /// Counters as just read with an article. What is already cached wins: it is refreshed every second and has this
    /// instance's own writes, so it is never older than a read that may have started before them.
    /// </summary>
    public void AddIfMissing(Guid id, Counters counters) => _entries.TryAdd(id, new Entry(counters, time.GetUtcNow().UtcTicks));

    /// <summary>
    /// Counters as a write of this instance returned them (<c>RETURNING</c> <see cref="Columns"/>: views flushed, a rating
    /// saved), so its own readers see them at once. Only articles already cached; an older value never replaces a newer.
    /// </summary>
    public Counters Apply(NpgsqlDataReader row)
    {
        var counters = Read(row);
        if (_entries.TryGetValue(row.GetGuid(0), out var entry))
        {
            Update(entry, counters);
        }

        return counters;
    }

    /// <summary>
    /// Reads these articles' counters (one query) and caches them, for cached answers whose counters were evicted. False
    /// when one of them has none (deleted): the answer holding it must be made again.
    /// </summary>
    public async Task<bool> LoadAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ByIdSql);
        command.Parameters.Add(new NpgsqlParameter { Value = ids as Guid[] ?? ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            found++;
            var counters = Read(reader);
            if (!_entries.TryAdd(reader.GetGuid(0), new Entry(counters, time.GetUtcNow().UtcTicks)) && _entries.TryGetValue(reader.GetGuid(0), out var entry))
            {
                Update(entry, counters);
            }
        }

        return found == ids.Count;
    }

    /// <summary>
    /// Brings the cached counters up to date with what any instance wrote since the last refresh (and reads those added
    /// since by id); evicts those nobody read for a while. One round trip; refreshes take turns.
    /// </summary>
    public async Task RefreshAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await RefreshOnceAsync(dataSource, cancellationToken);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task RefreshOnceAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcTicks;
        var added = new List<Entry>();
        var addedIds = new List<Guid>();
        foreach (var (id, entry) in _entries)
        {
            if (now - Volatile.Read(ref entry.LastRead) > _evictAfterTicks)
            {
                if (_entries.TryRemove(new KeyValuePair<Guid, Entry>(id, entry)))
                {
                    Interlocked.Increment(ref _generation);
                }
            }
            else if (entry.New || _changedSince is null)
            {
                added.Add(entry);
                addedIds.Add(id);
            }
        }

        // READ COMMITTED: each statement has its own snapshot, taken in order. Whatever the reads below cannot see was
        // written by a transaction running at or after the first snapshot, so its stamp is at or above that xmin.
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())"));
        if (_changedSince is { } since)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"SELECT {Columns} FROM article_stats WHERE change_xid >= $1")
            {
                Parameters = { new NpgsqlParameter { Value = since, NpgsqlDbType = NpgsqlDbType.Xid8 } },
            });
        }

        if (addedIds.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(ByIdSql)
            {
                Parameters = { new NpgsqlParameter { Value = addedIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid } },
            });
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var next = reader.GetFieldValue<ulong>(0);
        while (await reader.NextResultAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (_entries.TryGetValue(reader.GetGuid(0), out var entry))
                {
                    Update(entry, Read(reader));
                }
            }
        }

        foreach (var entry in added)
        {
            entry.New = false;
        }

        _changedSince = next;
    }

    /// <summary>What every read of counters takes from article_stats, in the order they are read here.</summary>
    public const string Columns = "article_id, view_count, rating_total, rating_count, change_count";
    private const string ByIdSql = $"SELECT {Columns} FROM article_stats WHERE article_id = ANY($1)";

    private static Counters Read(NpgsqlDataReader reader) =>
        new(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetInt64(4));

    /// <summary>
    /// Takes the counters if they are from a later write. Equal values keep the cached object (and its JSON) and move
    /// only its write number: a new object would be put into every old cached answer showing it. Readers never wait.
    /// </summary>
    private void Update(Entry entry, Counters offered)
    {
        lock (entry)
        {
            var current = entry.Counters;
            if (offered.Version <= current.Version)
            {
                return;
            }

            if (offered.SameValues(current))
            {
                current.Version = offered.Version;
            }
            else
            {
                Volatile.Write(ref entry.Counters, offered);
                Interlocked.Increment(ref _generation);
            }
        }
    }

    public void Dispose() => _refreshing.Dispose();
}
