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
}
