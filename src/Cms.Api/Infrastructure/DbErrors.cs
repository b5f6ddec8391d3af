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

    /// <summary>PostgreSQL cannot be reached (down, restarting, network): the caller should answer 503 and try again later.</summary>
    public static bool IsDatabaseUnavailable(this Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
