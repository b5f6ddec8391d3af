using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cms.Api.Infrastructure;

internal static class DbErrors
{
    public static bool IsUniqueViolation(this DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>From SaveChanges (wrapped) or from ExecuteUpdate/ExecuteDelete (thrown as is).</summary>
    public static bool IsForeignKeyViolation(this Exception e) =>
        (e as PostgresException ?? e.InnerException as PostgresException)?.SqlState == PostgresErrorCodes.ForeignKeyViolation;

    /// <summary>
    /// Text PostgreSQL cannot hold: the NUL character (U+0000) in a parameter, wherever it came from (a query string,
    /// a JSON string). The client's input is at fault, so it is a 400, and the transaction it broke wrote nothing.
    /// </summary>
    public static bool IsUnstorableText(this Exception exception) =>
        InChain(exception, e => e is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter });

    /// <summary>
    /// PostgreSQL cannot be reached (down, restarting, network) or is not the primary any more (a failover: the node this
    /// connection reaches was demoted and is read-only, or shut the session down): the caller should answer 503 and try again
    /// later, when the connection pool has found the new primary.
    /// </summary>
    public static bool IsDatabaseUnavailable(this Exception exception) =>
        InChain(exception, e => e is NpgsqlException { IsTransient: true } or SocketException or TimeoutException
            or PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction or PostgresErrorCodes.AdminShutdown
                or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow });

    /// <summary>The exception or any it wraps: EF Core and Npgsql nest the one that says what happened.</summary>
    private static bool InChain(Exception exception, Func<Exception, bool> test)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (test(e))
            {
                return true;
            }
        }

        return false;
    }
}
