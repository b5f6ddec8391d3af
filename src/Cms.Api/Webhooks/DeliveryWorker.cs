using System.Collections.Concurrent;
using System.Diagnostics;
using Cms.Api.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cms.Api.Webhooks;

/// <summary>
/// Each instance's delivery worker. It claims due messages (cms_webhook_claim: FOR UPDATE SKIP LOCKED and a lease, so N
/// instances share the work and none sends what another has claimed), sends them outside any request, at most
/// MaxInFlightPerWebhook to one webhook and MaxConcurrentDeliveries in all, and records each attempt with its next
/// attempt's time, the attempts that end together in one statement (<see cref="RecordLoopAsync"/>). It sleeps until a commit adds messages (NOTIFY cms_webhooks), an attempt ends, the next retry comes
/// due on the service's clock, or the poll interval passes. Delivery is at-least-once: a crash after a receiver answered
/// and before the outcome was recorded sends the same webhook-id again once the claim runs out.
/// </summary>
internal sealed class DeliveryWorker(NpgsqlDataSource dataSource, WebhookSender sender, TimeProvider time, IOptions<WebhookOptions> options,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    public const string Channel = "cms_webhooks";

    private const string NextDueSql = "SELECT cms_webhook_next_due($1)";

    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    private readonly WebhookOptions _options = options.Value;
    private readonly Guid _worker = Guid.NewGuid();
    private readonly ConcurrentDictionary<Guid, int> _inFlight = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private readonly System.Threading.Channels.Channel<PendingRecord> _records = System.Threading.Channels.Channel.CreateUnbounded<PendingRecord>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });
    private int _total;
    private long _lastClaim;

    private static readonly TimeSpan ClaimSpacing = TimeSpan.FromMilliseconds(50);

    /// <summary>The most outcomes one statement records.</summary>
    private const int RecordBatch = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listening = ListenAsync(stoppingToken);
        var recording = RecordLoopAsync();
        var poll = TimeSpan.FromSeconds(_options.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? due = null;
            try
            {
                var room = _options.MaxConcurrentDeliveries - Volatile.Read(ref _total);
                if (room <= 0)
                {
                    due = await NextDueAsync(stoppingToken);
                }
                else
                {
                    await PaceAsync(stoppingToken);
                    (var claimed, due) = await ClaimAsync(room, stoppingToken);
                    if (claimed == room)
                    {
                        continue;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (NpgsqlException e)
            {
                logger.LogWarning(e, "Claiming webhook deliveries failed; trying again shortly");
                due = time.GetUtcNow().AddSeconds(1);
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var waits = new List<Task> { _wake.WaitAsync(wake.Token), Task.Delay(poll, wake.Token) };
            if (due is { } at)
            {
                var wait = at - time.GetUtcNow();
                waits.Add(wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait < TimeSpan.FromDays(1) ? wait : TimeSpan.FromDays(1), time, wake.Token));
            }

            await Task.WhenAny(waits);
            await wake.CancelAsync();
        }

        // Stopping: attempts under way are cancelled; their claims run out and another instance (or the next start) sends them
        // again. Attempts that ended are recorded first.
        await Task.WhenAll(_running.Keys.Append(listening)).ContinueWith(_ => { }, TaskScheduler.Default);
        _records.Writer.TryComplete();
        await recording;
    }

    /// <summary>
    /// Keeps claims at least <see cref="ClaimSpacing"/> apart on this instance. Every instance wakes at every commit that adds
    /// messages; under a stream of saves a claim that waits a moment takes several saves' messages at once instead of
    /// racing the other instances for each one. An idle worker claims at once. Real time, not the service's clock: it
    /// is a pace, not a schedule.
    /// </summary>
    private async Task PaceAsync(CancellationToken cancellationToken)
    {
        var wait = ClaimSpacing - Stopwatch.GetElapsedTime(_lastClaim);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }

        _lastClaim = Stopwatch.GetTimestamp();
    }

    /// <summary>The webhooks this instance already has MaxInFlightPerWebhook deliveries in flight to: not claimed for now.</summary>
    private Guid[] FullWebhooks() => _inFlight.Where(p => p.Value >= _options.MaxInFlightPerWebhook).Select(p => p.Key).ToArray();

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>
    /// Claims up to <paramref name="room"/> messages and starts sending them; answers how many it took and when the
    /// next message nobody holds comes due, both from one round trip.
    /// </summary>
    private async Task<(int Claimed, DateTimeOffset? NextDue)> ClaimAsync(int room, CancellationToken cancellationToken)
    {
        var full = FullWebhooks();
        var now = time.GetUtcNow();
        var claimed = new List<ClaimedMessage>();
        DateTimeOffset? due;
        await using (var claim = Bookkeeping("SELECT * FROM cms_webhook_claim($1, $2, $3, $4, $5, $6)",
            now, _options.LeaseSeconds, _worker, room, _options.MaxInFlightPerWebhook, full))
        {
            // After the claim, in its transaction: what it took is held now and not counted.
            claim.BatchCommands.Add(new NpgsqlBatchCommand(NextDueSql) { Parameters = { new NpgsqlParameter { Value = full } } });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ClaimedMessage(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt32(3), reader.GetString(4),
                    reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetString(8)));
            }

            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            due = reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0);
        }

        // A webhook that already has some in flight here gets only what room it has left; the rest go back at once.
        var extra = new List<Guid>();
        foreach (var message in claimed)
        {
            if (_inFlight.AddOrUpdate(message.WebhookId, 1, (_, n) => n + 1) > _options.MaxInFlightPerWebhook)
            {
                _inFlight.AddOrUpdate(message.WebhookId, 0, (_, n) => n - 1);
                extra.Add(message.MessageId);
                continue;
            }

            Interlocked.Increment(ref _total);
            var sending = DeliverAsync(message, cancellationToken);
            _running.TryAdd(sending, true);
            _ = sending.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
        }

        if (extra.Count > 0)
        {
            await using var release = dataSource.CreateCommand("UPDATE webhook_messages SET locked_until = NULL, locked_by = NULL WHERE id = ANY($1) AND locked_by = $2");
            release.Parameters.Add(new NpgsqlParameter { Value = extra.ToArray() });
            release.Parameters.Add(new NpgsqlParameter { Value = _worker });
            await release.ExecuteNonQueryAsync(cancellationToken);
        }

        return (claimed.Count - extra.Count, due);
    }

    private async Task DeliverAsync(ClaimedMessage message, CancellationToken cancellationToken)
    {
        // The worker looks again when this ends only if that can find something: a message held back for want of room
        // (this webhook, or this instance, was full), or a new retry time. New messages wake it by NOTIFY.
        var wake = true;
        try
        {
            await Task.Yield();
            var outcome = await sender.SendAsync(message, cancellationToken);
            await RecordAsync(message, outcome, cancellationToken);
            wake = outcome.Status != AttemptOutcome.Delivered;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the claim runs out and the message is sent again.
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning(e, "Recording webhook delivery {MessageId} failed; it will be sent again when its claim runs out", message.MessageId);
        }
        finally
        {
            var webhookWasFull = _inFlight.AddOrUpdate(message.WebhookId, 0, (_, n) => n - 1) == _options.MaxInFlightPerWebhook - 1;
            var instanceWasFull = Interlocked.Decrement(ref _total) == _options.MaxConcurrentDeliveries - 1;
            if (wake || webhookWasFull || instanceWasFull)
            {
                Wake();
            }
        }
    }

    /// <summary>Hands the attempt's outcome to the record loop and waits until it is written.</summary>
    private async Task RecordAsync(ClaimedMessage message, AttemptOutcome outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var attempt = message.Attempts + 1;
        DateTimeOffset? next = null;
        if (outcome.Status != AttemptOutcome.Delivered && attempt <= _options.Schedule.Count)
        {
            var wait = TimeSpan.FromSeconds(_options.Schedule[attempt - 1]);
            if (outcome.RetryAfter is { } asked)
            {
                // The receiver's word, within reason: no sooner than now and no later than a day (the contract's longest wait).
                wait = asked < TimeSpan.Zero ? TimeSpan.Zero : asked > MaxRetryAfter ? MaxRetryAfter : asked;
            }

            next = now + wait;
        }

        var disable = outcome.StatusCode == StatusCodes.Status410Gone
            ? $"The receiver answered 410 Gone at {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}."
            : null;
        // Its id sorts by the real moment it was recorded: attempts of one instant on a test's stopped clock still come in order.
        var pending = new PendingRecord(message.MessageId, Guid.CreateVersion7(TimeProvider.System.GetUtcNow()), now, outcome, next, disable);
        // Not the stopping token: an attempt made is recorded, or it is sent again.
        if (!_records.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The worker is stopping; the attempt is not recorded and will be sent again.");
        }

        await pending.Written.Task;
        if (outcome.Status != AttemptOutcome.Delivered)
        {
            logger.LogInformation("Webhook delivery of {EventId} to {Url} failed (attempt {Attempt}): {Status} {Error}",
                message.EventId, message.Url, attempt, outcome.StatusCode, outcome.Error);
        }
    }

    /// <summary>
    /// Writes the outcomes of attempts in batches: whatever ended while the previous batch was being written goes in the
    /// next statement (group commit). Runs until the worker stops and every queued outcome is written.
    /// </summary>
    private async Task RecordLoopAsync()
    {
        var batch = new List<PendingRecord>();
        // One message twice in a statement would update it once: its second attempt waits for a later batch.
        var batches = new DistinctBatches<PendingRecord, Guid>(_records.Reader, r => r.MessageId, RecordBatch);
        while (await batches.WaitAsync())
        {
            batches.Fill(batch);
            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await using var record = Bookkeeping("SELECT cms_webhook_record_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    _worker, batch.Select(r => r.MessageId).ToArray(), batch.Select(r => r.AttemptId).ToArray(), batch.Select(r => r.At).ToArray(),
                    batch.Select(r => r.Outcome.Status).ToArray(), batch.Select(r => r.Outcome.StatusCode).ToArray(),
                    batch.Select(r => r.Outcome.DurationMs).ToArray(), batch.Select(r => r.Outcome.ResponseBody).ToArray(),
                    batch.Select(r => r.Outcome.Error).ToArray(), batch.Select(r => r.NextAttemptAt).ToArray(), batch.Select(r => r.DisableReason).ToArray());
                await record.ExecuteNonQueryAsync(CancellationToken.None);
                batch.ForEach(r => r.Written.TrySetResult());
            }
            catch (Exception e)
            {
                batch.ForEach(r => r.Written.TrySetException(e));
            }

            batch.Clear();
        }
    }

    /// <summary>
    /// A claim or an attempt's record, committed without waiting for the disk: each delivery makes two commits, and
    /// waiting for a flush (while holding PostgreSQL's commit-time NOTIFY lock, for the record) would make deliveries
    /// queue behind one another and behind every save. Safe because delivery is at-least-once already: a database crash
    /// that loses a claim or a record only sends that message again, with the same webhook-id. The events themselves are
    /// written by the save's own transaction, durably.
    /// </summary>
    private NpgsqlBatch Bookkeeping(string sql, params object[] values)
    {
        var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('synchronous_commit', 'off', true)"));
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(command);
        return batch;
    }

    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var next = dataSource.CreateCommand(NextDueSql);
        next.Parameters.Add(new NpgsqlParameter { Value = FullWebhooks() });
        return await next.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    /// <summary>Holds a connection LISTENing for commits that add messages; reconnects when it drops.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever was added while not listening is found by this look.
                Wake();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or IOException)
            {
                logger.LogWarning(e, "Listening for webhook messages failed; retrying");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>An attempt's outcome waiting to be written, and the attempt waiting for that.</summary>
    private sealed record PendingRecord(Guid MessageId, Guid AttemptId, DateTimeOffset At, AttemptOutcome Outcome, DateTimeOffset? NextAttemptAt,
        string? DisableReason)
    {
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
