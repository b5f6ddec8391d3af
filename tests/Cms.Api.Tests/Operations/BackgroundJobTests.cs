using Cms.Api.Infrastructure.Jobs;
using Cms.Api.Sessions;
using Cms.Api.Sync;
using Cms.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cms.Api.Tests.Operations;

/// <summary>
/// Purges every instance runs on its timer are done once across instances: while another instance holds a job's lock
/// (here, the test's own transaction), this one skips its turn and deletes nothing; then it does the work. The revision
/// purge's proof is in Revisions/RetentionTests; the view flush and the counter refresh are each instance's own work
/// (its own buffer, its own cache), the webhook scanner and workers claim rows FOR UPDATE SKIP LOCKED (Webhooks tests).
/// </summary>
public sealed class BackgroundJobTests : ApiTest
{
    [Test]
    public async Task TheSessionPurgeRunsOnceAcrossInstances()
    {
        var ended = await SignInAsAdminAsync();
        using (await SendAsync(HttpMethod.Delete, "/api/v1/sessions/current", ended))
        {
        }

        // Aged by its own dates: moving the clock that far would let the service's timer purge first.
        await ScalarAsync<long>("UPDATE sessions SET ended_at = ended_at - interval '3 days', idle_expires_at = idle_expires_at - interval '3 days', " +
            "absolute_expires_at = absolute_expires_at - interval '3 days'");
        var purger = App.Services.GetRequiredService<ExpiredSessionPurger>();
        int? whileHeld;
        long leftWhileHeld;
        await using (await HoldAsync(JobLocks.SessionPurge))
        {
            whileHeld = await purger.PurgeAsync(CancellationToken.None);
            leftWhileHeld = await ScalarAsync<long>("SELECT count(*) FROM sessions");
        }

        var afterwards = await purger.PurgeAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(whileHeld, Is.Null, "another instance is purging: this one skips its turn");
            Assert.That(leftWhileHeld, Is.EqualTo(1));
            Assert.That(afterwards, Is.EqualTo(1));
            Assert.That(await ScalarAsync<long>("SELECT count(*) FROM sessions"), Is.Zero);
        }
    }

    [Test]
    public async Task TheTombstonePurgeRunsOnceAcrossInstances()
    {
        await ScalarAsync<long>("INSERT INTO article_tombstones (article_id, deleted_at) VALUES (gen_random_uuid(), now() - interval '400 days')");
        var purger = App.Services.GetRequiredService<TombstonePurger>();
        int? whileHeld;
        await using (await HoldAsync(JobLocks.TombstonePurge))
        {
            whileHeld = await purger.PurgeAsync(CancellationToken.None);
        }

        var leftWhileHeld = await ScalarAsync<long>("SELECT count(*) FROM article_tombstones");
        var afterwards = await purger.PurgeAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(whileHeld, Is.Null, "another instance is purging: this one skips its turn");
            Assert.That(leftWhileHeld, Is.EqualTo(1));
            Assert.That(afterwards, Is.EqualTo(1));
            Assert.That(await ScalarAsync<long>("SELECT count(*) FROM article_tombstones"), Is.Zero);
        }
    }

    /// <summary>What another instance's run of the job holds: its lock, in a transaction open until disposed.</summary>
    private async Task<NpgsqlConnection> HoldAsync(long key)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        Assert.That(await JobLocks.TryTakeAsync(connection, transaction, key, CancellationToken.None), Is.True);
        return connection;
    }
}
