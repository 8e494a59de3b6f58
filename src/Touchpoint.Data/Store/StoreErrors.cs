using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Touchpoint.Data.Store;

/// <summary>Recognises store errors that callers answer as a conflict rather than a failure.</summary>
public static class StoreErrors
{
    /// <summary>A unique index refused the write: someone else stored the same key first (a race, not a bug).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
