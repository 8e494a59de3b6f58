using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Ingestion;

/// <summary>
/// PostgreSQL bulk path: binary COPY into a temporary table, then one INSERT ... ON CONFLICT DO NOTHING that
/// reports which client ids were new (COPY itself cannot skip duplicates).
/// </summary>
public sealed class PostgresEventWriter : IEventWriter
{
    private const string Columns = SqliteEventWriter.Columns;

    public async Task<bool[]> InsertAsync(Store.TouchpointDb db, IReadOnlyList<TouchpointEvent> events, CancellationToken ct)
    {
        var inserted = new bool[events.Count];
        if (events.Count == 0) return inserted;
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        var owned = db.Database.CurrentTransaction is null;
        var tx = owned ? await db.Database.BeginTransactionAsync(ct) : db.Database.CurrentTransaction!;
        try
        {
            await using (var create = new NpgsqlCommand(
                "CREATE TEMP TABLE IF NOT EXISTS tp_event_ingest (LIKE touchpoint_events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS; " +
                "ALTER TABLE tp_event_ingest ALTER COLUMN id DROP NOT NULL;", conn, (NpgsqlTransaction)tx.GetDbTransaction()))
                await create.ExecuteNonQueryAsync(ct);
            await CopyAsync(conn, "tp_event_ingest", events, withIds: false, ct);
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO touchpoint_events ({Columns}) SELECT {Columns} FROM tp_event_ingest ON CONFLICT (client_event_id) DO NOTHING RETURNING client_event_id",
                conn, (NpgsqlTransaction)tx.GetDbTransaction());
            var fresh = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await insert.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) fresh.Add(reader.GetString(0));
            for (var i = 0; i < events.Count; i++) inserted[i] = fresh.Contains(events[i].ClientEventId);
            await using (var clear = new NpgsqlCommand("TRUNCATE tp_event_ingest", conn, (NpgsqlTransaction)tx.GetDbTransaction()))
                await clear.ExecuteNonQueryAsync(ct);
            if (owned) await tx.CommitAsync(ct);
        }
        finally
        {
            if (owned) await tx.DisposeAsync();
        }
        return inserted;
    }

    public async Task InsertWithIdsAsync(Store.TouchpointDb db, IReadOnlyList<TouchpointEvent> events, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        await CopyAsync(conn, "touchpoint_events", events, withIds: true, ct);
    }

    internal static async Task CopyAsync(NpgsqlConnection conn, string table, IReadOnlyList<TouchpointEvent> events, bool withIds, CancellationToken ct)
    {
        var cols = withIds ? "id, " + Columns : Columns;
        await using var w = await conn.BeginBinaryImportAsync($"COPY {table} ({cols}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var e in events)
        {
            await w.StartRowAsync(ct);
            if (withIds) await w.WriteAsync(e.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(e.ClientEventId, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(e.CustomerId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(e.Type, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(e.Channel, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(e.OccurredAtUtc, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(e.OffsetMinutes, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync(e.ReceivedAtUtc, NpgsqlDbType.TimestampTz, ct);
            if (e.PropertiesJson is null) await w.WriteNullAsync(ct); else await w.WriteAsync(e.PropertiesJson, NpgsqlDbType.Text, ct);
            if (e.Value is null) await w.WriteNullAsync(ct); else await w.WriteAsync(e.Value.Value, NpgsqlDbType.Numeric, ct);
            if (e.Currency is null) await w.WriteNullAsync(ct); else await w.WriteAsync(e.Currency, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(e.Source, NpgsqlDbType.Varchar, ct);
            if (e.RefKind is null) await w.WriteNullAsync(ct); else await w.WriteAsync(e.RefKind, NpgsqlDbType.Varchar, ct);
            if (e.RefId is null) await w.WriteNullAsync(ct); else await w.WriteAsync(e.RefId.Value, NpgsqlDbType.Bigint, ct);
        }
        await w.CompleteAsync(ct);
    }
}
