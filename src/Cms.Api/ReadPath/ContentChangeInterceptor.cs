using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Cms.Api.ReadPath;

/// <summary>
/// Advances the content epoch on this instance as soon as a write to content commits. The database says which statements
/// wrote content (a NOTICE from the statement triggers of Data/Sql/content_changes.sql), so no write path can forget it;
/// the epoch moves after the statement (outside a transaction) or the transaction has committed, never before.
/// </summary>
internal sealed class ContentChangeInterceptor(ContentEpoch epoch, OwnNotifications own)
    : IDbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    public const string NoticeText = "cms_content_changed";

    private readonly ConditionalWeakTable<DbConnection, Pending> _connections = [];

    /// <summary>Whether the connection's current transaction (or statement) wrote content, and from which backend.</summary>
    private sealed class Pending
    {
        public volatile bool Changed;
        public int ProcessId;
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Watch(connection);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Watch(connection);
        return Task.CompletedTask;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) => AfterStatement(command, result);

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(AfterStatement(command, result));

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result) => AfterStatement(command, result);

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(AfterStatement(command, result));

    // Disposing, not closing: EF reports closing before the reader has read the server's last word (the commit, here).
    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result) =>
        AfterStatement(command, result);

    // Whether a failed statement committed is unknown: advance, and let a NOTIFY that still comes advance again.
    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => AfterStatement(command, 0, committed: false);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        AfterStatement(command, 0, committed: false);
        return Task.CompletedTask;
    }

    // A connection closed with a change pending ended its transaction some other way: treated like a failure.
    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Advance(connection, committed: false);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Advance(connection, committed: false);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Advance(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Advance(eventData.Context);
        return Task.CompletedTask;
    }

    // Rolled back: nothing changed and no NOTIFY will come.
    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Advance(eventData.Context, committed: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Advance(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Advance(eventData.Context, committed: false);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Advance(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    private void Watch(DbConnection connection)
    {
        if (connection is not NpgsqlConnection npgsql)
        {
            return;
        }

        own.Ours(npgsql.ProcessID);
        if (!_connections.TryGetValue(connection, out _))
        {
            var pending = new Pending();
            _connections.AddOrUpdate(connection, pending);
            npgsql.Notice += (_, e) =>
            {
                if (e.Notice.MessageText == NoticeText && !pending.Changed)
                {
                    pending.ProcessId = npgsql.ProcessID;
                    own.Claim(pending.ProcessId);
                    pending.Changed = true;
                }
            };
        }
    }

    /// <summary>A statement outside a transaction has committed by the time it completes.</summary>
    private T AfterStatement<T>(DbCommand command, T result, bool committed = true)
    {
        if (command.Transaction is null && command.Connection is { } connection)
        {
            Advance(connection, committed);
        }

        return result;
    }

    private void Advance(Microsoft.EntityFrameworkCore.DbContext? context, bool committed = true)
    {
        if (context is not null)
        {
            Advance(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(context.Database), committed);
        }
    }

    private void Advance(DbConnection connection, bool committed = true)
    {
        if (_connections.TryGetValue(connection, out var pending) && pending.Changed)
        {
            pending.Changed = false;
            if (!committed)
            {
                // No NOTIFY is sure to come: the listener must not take one that does for this instance's own.
                own.Release(pending.ProcessId);
            }

            epoch.Advance();
        }
    }
}
