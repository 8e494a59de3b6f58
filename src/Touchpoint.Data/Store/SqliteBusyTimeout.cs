using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Touchpoint.Data.Store;

/// <summary>
/// Lets SQLite itself wait for the write lock. Without a busy timeout SQLite answers "busy" at once and
/// Microsoft.Data.Sqlite retries after sleeping 150 ms (dotnet/efcore#36658), so under concurrent writes most requests
/// waited 150 ms or more for a lock held for 2-3 ms: ticket creation with 16 clients fell to ~25 requests/s with a
/// p50 over 200 ms (docs/benchmarks.md). SQLite's own handler retries within milliseconds.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragma;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragma;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
