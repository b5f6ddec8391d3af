using System.Data.Common;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Cms.Api.Data;
using Cms.Api.Infrastructure.Observability;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Cms.Api.ReadPath;

/// <summary>
/// Sends an anonymous read to the replica (ConnectionStrings:CmsReplica) only when the replica has replayed every change
/// this instance has heard of. NOTIFY is not replicated: an instance told of a change may refill its cache before the
/// replica has it, and would keep the old answer until the next change. So each content epoch is tied to a position in
/// the primary's WAL, read after the epoch moved (which is after the commit that moved it), and a replica whose replay
/// position is behind it is not used: the read goes to the primary instead.
/// </summary>
public sealed class ReplicaReads(ReplicaDataSource replica, NpgsqlDataSource primary, ContentEpoch epoch, CmsMetrics metrics, ILogger<ReplicaReads> logger)
{
    private readonly ConditionalWeakTable<DbConnection, StrongBox<long>> _checked = [];
    private Position _required = new(-1, default);

    /// <summary>The primary's WAL insert position read in (or after) a content epoch.</summary>
    private sealed record Position(long Epoch, NpgsqlLogSequenceNumber Lsn);

    public bool IsConfigured => replica.IsConfigured;

    /// <summary>
    /// Points <paramref name="db"/> at the replica when it is up to date for the current epoch, until the returned lease is
    /// disposed; null when the read stays on the primary.
    /// </summary>
    public async Task<IAsyncDisposable?> TryUseAsync(CmsDbContext db, CancellationToken cancellationToken)
    {
        if (replica.Source is not { } source)
        {
            return null;
        }

        var current = epoch.Value;
        NpgsqlConnection? connection = null;
        try
        {
            var required = await RequiredAsync(current, cancellationToken);
            connection = await source.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn()", connection);
            // Null: not in recovery (a promoted node behind the replica address), as current as a primary.
            if (await command.ExecuteScalarAsync(cancellationToken) is NpgsqlLogSequenceNumber replayed && replayed < required)
            {
                metrics.ReplicaRead(onReplica: false, (long)(ulong)required - (long)(ulong)replayed);
                await connection.DisposeAsync();
                return null;
            }

            _checked.AddOrUpdate(connection, new StrongBox<long>(current));
            db.Database.SetDbConnection(connection, contextOwnsConnection: true);
            metrics.ReplicaRead(onReplica: true, bytesBehind: null);
            return new Lease(db, connection, primary);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            // A replica that is down costs its readers nothing but the primary's time.
            logger.LogWarning(e, "The replica could not be used; reading the primary");
            metrics.ReplicaRead(onReplica: false, bytesBehind: null);
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            return null;
        }
    }

    /// <summary>
    /// The epoch what <paramref name="db"/> reads now may be stamped with: on a replica, the one it was checked for (an
    /// older stamp only makes an entry stale sooner); on the primary, the current one.
    /// </summary>
    public long EpochFor(CmsDbContext db, long current) =>
        IsConfigured && _checked.TryGetValue(db.Database.GetDbConnection(), out var checkedFor) ? Math.Min(current, checkedFor.Value) : current;

    /// <summary>
    /// Gives the context back its primary connection: pooled contexts keep a connection set on them, and the next request
    /// to rent this one may be an editor's write.
    /// </summary>
    private sealed class Lease(CmsDbContext db, NpgsqlConnection onReplica, NpgsqlDataSource primary) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            db.Database.SetDbConnection(primary.CreateConnection(), contextOwnsConnection: true);
            await onReplica.DisposeAsync();
        }
    }

    private async Task<NpgsqlLogSequenceNumber> RequiredAsync(long current, CancellationToken cancellationToken)
    {
        var known = _required;
        if (known.Epoch >= current)
        {
            return known.Lsn;
        }

        // The insert position, not the flushed one: with synchronous_commit off a commit can be ahead of what is flushed.
        await using var command = primary.CreateCommand("SELECT pg_current_wal_insert_lsn()");
        var lsn = (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (current > _required.Epoch)
        {
            _required = new Position(current, lsn);
        }

        return lsn;
    }
}
