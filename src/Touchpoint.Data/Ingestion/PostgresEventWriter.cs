using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Ingestion;

/// <summary>
/// PostgreSQL bulk path: binary COPY. COPY cannot skip duplicates: when it meets a stored id it is undone, the ids
/// already stored are looked up and left out, and a race with another writer falls back to COPY into a temporary
/// table plus INSERT ... ON CONFLICT.
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
        var ntx = (NpgsqlTransaction)tx.GetDbTransaction();
        try
        {
            // Fast path: COPY straight into the table, which writes each row once. It fails on the unique index when
            // an id is stored already (a client's retry, or a concurrent writer); the savepoint then undoes the partial
            // COPY and the ids already stored are looked up and left out. Looking them up first on every batch cost
            // one 10,000-id index probe per batch for the rare batch that needs it.
            await ntx.SaveAsync("tp_ingest", ct);
            try
            {
                await CopyAsync(conn, "touchpoint_events", events, withIds: false, ct);
                Array.Fill(inserted, true);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await ntx.RollbackAsync("tp_ingest", ct);
                await WithoutStoredIdsAsync(conn, ntx, events, inserted, ct);
            }
            if (owned) await tx.CommitAsync(ct);
        }
        finally
        {
            if (owned) await tx.DisposeAsync();
        }
        return inserted;
    }

    /// <summary>Copies the events whose ids are not stored yet; a race with another writer falls back to the slow path.</summary>
    private static async Task WithoutStoredIdsAsync(NpgsqlConnection conn, NpgsqlTransaction ntx, IReadOnlyList<TouchpointEvent> events, bool[] inserted, CancellationToken ct)
    {
        var existing = await ExistingAsync(conn, ntx, events.Select(e => e.ClientEventId).ToArray(), ct);
        var fresh = events.Where(e => !existing.Contains(e.ClientEventId)).ToList();
        await ntx.SaveAsync("tp_ingest", ct);
        try
        {
            await CopyAsync(conn, "touchpoint_events", fresh, withIds: false, ct);
            for (var i = 0; i < events.Count; i++) inserted[i] = !existing.Contains(events[i].ClientEventId);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await ntx.RollbackAsync("tp_ingest", ct);
            await SlowPathAsync(conn, ntx, events, inserted, ct);
        }
    }

    private static async Task<HashSet<string>> ExistingAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] ids, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("SELECT client_event_id FROM touchpoint_events WHERE client_event_id = ANY($1)", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(reader.GetString(0));
        return found;
    }

    /// <summary>COPY into a temporary table, then INSERT ... ON CONFLICT DO NOTHING, which reports the new ids.</summary>
    private static async Task SlowPathAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<TouchpointEvent> events, bool[] inserted, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS tp_event_ingest (LIKE touchpoint_events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS; " +
            "ALTER TABLE tp_event_ingest ALTER COLUMN id DROP NOT NULL; TRUNCATE tp_event_ingest;", conn, tx))
            await create.ExecuteNonQueryAsync(ct);
        await CopyAsync(conn, "tp_event_ingest", events, withIds: false, ct);
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO touchpoint_events ({Columns}) SELECT {Columns} FROM tp_event_ingest ON CONFLICT (client_event_id) DO NOTHING RETURNING client_event_id",
            conn, tx);
        var fresh = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await insert.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) fresh.Add(reader.GetString(0));
        for (var i = 0; i < events.Count; i++) inserted[i] = fresh.Contains(events[i].ClientEventId);
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
