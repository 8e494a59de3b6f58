using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Ingestion;

/// <summary>
/// SQLite bulk path: one transaction, one prepared statement reused for every row, bound by position through
/// SQLitePCL on the connection's own handle. Microsoft.Data.Sqlite's command layer looked every parameter up by
/// name and re-encoded every string on each row, which cost about as much as SQLite's own insert work
/// (docs/benchmarks.md, "Event ingestion").
/// </summary>
public sealed class SqliteEventWriter : IEventWriter
{
    internal const string Columns = "client_event_id, customer_id, type, channel, occurred_at_utc, offset_minutes, received_at_utc, properties_json, value, currency, source, ref_kind, ref_id";

    public Task<bool[]> InsertAsync(Store.TouchpointDb db, IReadOnlyList<TouchpointEvent> events, CancellationToken ct) =>
        WriteAsync(db, events, withIds: false, ct);

    public async Task InsertWithIdsAsync(Store.TouchpointDb db, IReadOnlyList<TouchpointEvent> events, CancellationToken ct) =>
        await WriteAsync(db, events, withIds: true, ct);

    private static async Task<bool[]> WriteAsync(Store.TouchpointDb db, IReadOnlyList<TouchpointEvent> events, bool withIds, CancellationToken ct)
    {
        var inserted = new bool[events.Count];
        if (events.Count == 0) return inserted;
        var conn = (SqliteConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        var owned = db.Database.CurrentTransaction is null;
        var tx = owned ? await db.Database.BeginTransactionAsync(ct) : db.Database.CurrentTransaction!;
        try
        {
            var sql = withIds
                ? $"INSERT INTO touchpoint_events (id, {Columns}) VALUES (?14,?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)"
                : $"INSERT INTO touchpoint_events ({Columns}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13) ON CONFLICT (client_event_id) DO NOTHING";
            // Synchronous on purpose: SQLite runs in-process, so an async call per row would only add a task.
            using var insert = new SqliteRowStatement(conn, sql);
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                insert.Text(1, e.ClientEventId);
                insert.Int64(2, e.CustomerId);
                insert.Text(3, e.Type);
                insert.Text(4, e.Channel);
                insert.Time(5, e.OccurredAtUtc);
                insert.Int64(6, e.OffsetMinutes);
                insert.Time(7, e.ReceivedAtUtc);
                insert.Text(8, e.PropertiesJson);
                insert.Real(9, e.Value is { } v ? (double)v : null);
                insert.Text(10, e.Currency);
                insert.Text(11, e.Source);
                insert.Text(12, e.RefKind);
                insert.Int64(13, e.RefId);
                if (withIds) insert.Int64(14, e.Id);
                inserted[i] = insert.Execute() == 1;
                if ((i & 1023) == 0) ct.ThrowIfCancellationRequested();
            }
            if (owned) await tx.CommitAsync(ct);
        }
        finally
        {
            if (owned) await tx.DisposeAsync();
        }
        return inserted;
    }

    /// <summary>The text form EF Core's SQLite provider uses, so EF and raw rows sort and compare alike.</summary>
    internal static string SqliteTime(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
}
