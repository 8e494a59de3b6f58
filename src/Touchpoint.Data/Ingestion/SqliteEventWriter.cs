using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Ingestion;

/// <summary>SQLite bulk path: one transaction, one prepared statement reused for every row.</summary>
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
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = (SqliteTransaction)tx.GetDbTransaction();
            cmd.CommandText = withIds
                ? $"INSERT INTO touchpoint_events (id, {Columns}) VALUES ($id, $c0,$c1,$c2,$c3,$c4,$c5,$c6,$c7,$c8,$c9,$c10,$c11,$c12)"
                : $"INSERT INTO touchpoint_events ({Columns}) VALUES ($c0,$c1,$c2,$c3,$c4,$c5,$c6,$c7,$c8,$c9,$c10,$c11,$c12) ON CONFLICT (client_event_id) DO NOTHING";
            var id = cmd.CreateParameter();
            id.ParameterName = "$id";
            if (withIds) cmd.Parameters.Add(id);
            var p = new SqliteParameter[13];
            for (var i = 0; i < p.Length; i++)
            {
                p[i] = cmd.CreateParameter();
                p[i].ParameterName = "$c" + i;
                cmd.Parameters.Add(p[i]);
            }
            cmd.Prepare();
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                id.Value = e.Id;
                p[0].Value = e.ClientEventId;
                p[1].Value = e.CustomerId;
                p[2].Value = e.Type;
                p[3].Value = e.Channel;
                p[4].Value = SqliteTime(e.OccurredAtUtc);
                p[5].Value = e.OffsetMinutes;
                p[6].Value = SqliteTime(e.ReceivedAtUtc);
                p[7].Value = (object?)e.PropertiesJson ?? DBNull.Value;
                p[8].Value = e.Value is { } v ? (double)v : DBNull.Value;
                p[9].Value = (object?)e.Currency ?? DBNull.Value;
                p[10].Value = e.Source;
                p[11].Value = (object?)e.RefKind ?? DBNull.Value;
                p[12].Value = e.RefId is { } r ? r : DBNull.Value;
                // Synchronous on purpose: SQLite runs in-process, so the async call only adds a task per row.
                inserted[i] = cmd.ExecuteNonQuery() == 1;
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
