using Npgsql;

namespace Cms.Api.Infrastructure.Jobs;

/// <summary>
/// Jobs every instance runs on its own timer but that must be done once across instances (purges, <see cref="PeriodicJob"/>):
/// each run takes its job's transaction-scoped advisory lock first, and an instance that finds it held skips its turn.
/// The keys are listed here, together, so no two jobs share one.
/// </summary>
internal static class JobLocks
{
    /// <summary>"cmsrevis": revision retention and deleted articles kept past their days.</summary>
    public const long RevisionPurge = 0x636d_7372_6576_6973;

    /// <summary>"cmssessp": ended sessions and spent sign-in counters.</summary>
    public const long SessionPurge = 0x636d_7373_6573_7370;

    /// <summary>"cmstombs": sync tombstones past the retention.</summary>
    public const long TombstonePurge = 0x636d_7374_6f6d_6273;

    /// <summary>"cmswhprg": webhook events and their deliveries past the log's retention.</summary>
    public const long WebhookPurge = 0x636d_7377_6870_7267;

    /// <summary>True when this transaction now holds the job's lock (until it ends); false when another instance does.</summary>
    public static async Task<bool> TryTakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long key, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1)", connection, transaction);
        claim.Parameters.Add(new NpgsqlParameter { Value = key });
        return await claim.ExecuteScalarAsync(cancellationToken) is true;
    }
}
