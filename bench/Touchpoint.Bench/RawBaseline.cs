using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Bench;

/// <summary>
/// The ceiling each ingestion path is compared with: the same rows written straight into touchpoint_events by the
/// store's fastest plain bulk insert (SQLite: one transaction, one prepared INSERT reused; PostgreSQL: binary
/// COPY), with validation, customer resolution and duplicate handling all left out.
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
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO touchpoint_events ({Columns}) VALUES ($c0,$c1,$c2,$c3,$c4,$c5,$c6,$c7,$c8,$c9,$c10,$c11,$c12)";
        var p = Enumerable.Range(0, 13).Select(i => { var x = cmd.CreateParameter(); x.ParameterName = "$c" + i; cmd.Parameters.Add(x); return x; }).ToArray();
        cmd.Prepare();
        foreach (var e in rows)
        {
            p[0].Value = e.ClientEventId; p[1].Value = e.CustomerId; p[2].Value = e.Type; p[3].Value = e.Channel;
            p[4].Value = e.OccurredAtUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
            p[5].Value = e.OffsetMinutes;
            p[6].Value = e.ReceivedAtUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
            p[7].Value = (object?)e.PropertiesJson ?? DBNull.Value; p[8].Value = e.Value is { } v ? (double)v : DBNull.Value;
            p[9].Value = (object?)e.Currency ?? DBNull.Value; p[10].Value = e.Source; p[11].Value = DBNull.Value; p[12].Value = DBNull.Value;
            cmd.ExecuteNonQuery();
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
