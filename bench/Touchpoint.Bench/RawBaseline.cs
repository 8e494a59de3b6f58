using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Touchpoint.Data.Ingestion;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Bench;

/// <summary>
/// The ceiling each ingestion path is compared with: the same rows written straight into touchpoint_events by the
/// store's fastest plain bulk insert (SQLite: one transaction, one prepared INSERT reused, bound by position;
/// PostgreSQL: binary COPY), with validation, customer resolution and duplicate handling all left out.
/// </summary>
public static class RawBaseline
{
    private const string Columns = "client_event_id, customer_id, type, channel, occurred_at_utc, offset_minutes, received_at_utc, properties_json, value, currency, source, ref_kind, ref_id";

    public static List<TouchpointEvent> Rows(IEnumerable<EventInput> inputs, DateTimeOffset now)
    {
        var rows = new List<TouchpointEvent>();
        foreach (var input in inputs)
        {
            var (ev, _) = EventValidator.Validate(input, now);
            rows.Add(new TouchpointEvent
            {
                ClientEventId = ev!.ClientEventId, CustomerId = long.Parse(ev.Customer.Value.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) + 1,
                Type = ev.Type, Channel = ev.Channel, OccurredAtUtc = ev.OccurredAtUtc, OffsetMinutes = ev.OffsetMinutes,
                ReceivedAtUtc = now.UtcDateTime, PropertiesJson = ev.PropertiesJson, Value = ev.Value, Currency = ev.Currency, Source = "raw",
            });
        }
        return rows;
    }

    /// <summary>
    /// The same statement layer as the product's writer (positional binding through SQLitePCL), so the baseline is
    /// the fastest plain insert this code base knows, not a slower binding the product no longer uses.
    /// </summary>
    public static void Sqlite(string connectionString, IReadOnlyList<TouchpointEvent> rows)
    {
        using var conn = new SqliteConnection(connectionString);
        conn.Open();
        using (var pragma = conn.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
            pragma.ExecuteNonQuery();
        }
        using var tx = conn.BeginTransaction();
        using (var insert = new SqliteRowStatement(conn, $"INSERT INTO touchpoint_events ({Columns}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)"))
        {
            foreach (var e in rows)
            {
                insert.Text(1, e.ClientEventId); insert.Int64(2, e.CustomerId); insert.Text(3, e.Type); insert.Text(4, e.Channel);
                insert.Time(5, e.OccurredAtUtc); insert.Int64(6, e.OffsetMinutes); insert.Time(7, e.ReceivedAtUtc);
                insert.Text(8, e.PropertiesJson); insert.Real(9, e.Value is { } v ? (double)v : null); insert.Text(10, e.Currency);
                insert.Text(11, e.Source); insert.Text(12, null); insert.Int64(13, null);
                insert.Execute();
            }
        }
        tx.Commit();
    }

    public static async Task PostgresAsync(string connectionString, IReadOnlyList<TouchpointEvent> rows)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var w = await conn.BeginBinaryImportAsync($"COPY touchpoint_events ({Columns}) FROM STDIN (FORMAT BINARY)");
        foreach (var e in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(e.ClientEventId, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.CustomerId, NpgsqlDbType.Bigint);
            await w.WriteAsync(e.Type, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.Channel, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.OccurredAtUtc, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(e.OffsetMinutes, NpgsqlDbType.Smallint);
            await w.WriteAsync(e.ReceivedAtUtc, NpgsqlDbType.TimestampTz);
            if (e.PropertiesJson is null) await w.WriteNullAsync(); else await w.WriteAsync(e.PropertiesJson, NpgsqlDbType.Text);
            if (e.Value is null) await w.WriteNullAsync(); else await w.WriteAsync(e.Value.Value, NpgsqlDbType.Numeric);
            if (e.Currency is null) await w.WriteNullAsync(); else await w.WriteAsync(e.Currency, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.Source, NpgsqlDbType.Varchar);
            await w.WriteNullAsync();
            await w.WriteNullAsync();
        }
        await w.CompleteAsync();
    }
}
