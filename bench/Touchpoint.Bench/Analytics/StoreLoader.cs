using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Touchpoint.Bench.Analytics;

/// <summary>Bulk loads of the synthetic journeys into the real store schema (ids given, as a store would hold them).</summary>
public static class StoreLoader
{
    private const string Columns = "id, client_event_id, customer_id, type, channel, occurred_at_utc, offset_minutes, received_at_utc, properties_json, value, currency, source";

    public static void Sqlite(string connectionString, JourneyEvent[] events)
    {
        using var conn = new SqliteConnection(connectionString);
        conn.Open();
        using (var pragma = conn.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;";
            pragma.ExecuteNonQuery();
        }
        const int perTransaction = 1_000_000;
        for (var from = 0; from < events.Length; from += perTransaction)
        {
            using var tx = conn.BeginTransaction();
            using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"INSERT INTO touchpoint_events ({Columns}) VALUES ($c0,$c1,$c2,$c3,$c4,$c5,0,$c5,$c6,$c7,$c8,'bench')";
            var p = Enumerable.Range(0, 9).Select(i => { var x = cmd.CreateParameter(); x.ParameterName = "$c" + i; cmd.Parameters.Add(x); return x; }).ToArray();
            cmd.Prepare();
            for (var i = from; i < Math.Min(events.Length, from + perTransaction); i++)
            {
                var e = events[i];
                p[0].Value = i + 1L; p[1].Value = "j" + i.ToString(CultureInfo.InvariantCulture); p[2].Value = e.CustomerId;
                p[3].Value = JourneyEvents.Types[e.Type]; p[4].Value = JourneyEvents.Channels[e.Channel];
                p[5].Value = new DateTime(e.Ticks).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                p[6].Value = (object?)JourneyEvents.Properties(e) ?? DBNull.Value;
                p[7].Value = e.Type == 2 ? e.Total : DBNull.Value; p[8].Value = e.Type == 2 ? "EUR" : DBNull.Value;
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
        using var analyze = conn.CreateCommand();
        analyze.CommandText = "ANALYZE";
        analyze.ExecuteNonQuery();
    }

    /// <summary>One completed NPS answer per survey.answered event, so friction measures its NPS outcome at scale too.</summary>
    public static int SqliteAnswers(string connectionString, JourneyEvent[] events, long surveyId)
    {
        using var conn = new SqliteConnection(connectionString);
        conn.Open();
        using var tx = conn.BeginTransaction();
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO survey_responses (survey_id, customer_id, score, channel, answered_at_utc, offset_minutes, completed_at_utc, answers_json, survey_version) VALUES ($s, $c, $score, 'email', $at, 0, $at, '{}', 1)";
        var p = new[] { "$s", "$c", "$score", "$at" }.Select(n => { var x = cmd.CreateParameter(); x.ParameterName = n; cmd.Parameters.Add(x); return x; }).ToArray();
        cmd.Prepare();
        var n = 0;
        foreach (var e in events)
        {
            if (e.Type != 4) continue;
            p[0].Value = surveyId; p[1].Value = e.CustomerId; p[2].Value = JourneyEvents.NpsScore(e);
            p[3].Value = new DateTime(e.Ticks).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            cmd.ExecuteNonQuery();
            n++;
        }
        tx.Commit();
        return n;
    }

    public static async Task PostgresAsync(string connectionString, JourneyEvent[] events)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using (var w = await conn.BeginBinaryImportAsync($"COPY touchpoint_events ({Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < events.Length; i++)
            {
                var e = events[i];
                var at = new DateTime(e.Ticks, DateTimeKind.Utc);
                await w.StartRowAsync();
                await w.WriteAsync(i + 1L, NpgsqlDbType.Bigint);
                await w.WriteAsync("j" + i.ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Varchar);
                await w.WriteAsync(e.CustomerId, NpgsqlDbType.Bigint);
                await w.WriteAsync(JourneyEvents.Types[e.Type], NpgsqlDbType.Varchar);
                await w.WriteAsync(JourneyEvents.Channels[e.Channel], NpgsqlDbType.Varchar);
                await w.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await w.WriteAsync((short)0, NpgsqlDbType.Smallint);
                await w.WriteAsync(at, NpgsqlDbType.TimestampTz);
                if (JourneyEvents.Properties(e) is { } props) await w.WriteAsync(props, NpgsqlDbType.Text); else await w.WriteNullAsync();
                if (e.Type == 2) { await w.WriteAsync((decimal)e.Total, NpgsqlDbType.Numeric); await w.WriteAsync("EUR", NpgsqlDbType.Varchar); }
                else { await w.WriteNullAsync(); await w.WriteNullAsync(); }
                await w.WriteAsync("bench", NpgsqlDbType.Varchar);
            }
            await w.CompleteAsync();
        }
        foreach (var sql in new[] { $"SELECT setval(pg_get_serial_sequence('touchpoint_events', 'id'), {events.Length})", "VACUUM ANALYZE touchpoint_events" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Adds <paramref name="count"/> late events to the SQLite store: copies of stored events of as many customers (one
    /// each), an hour earlier, with new ids, so the mirror copies them and the customers' friction rows must be recomputed.
    /// </summary>
    public static void SqliteLateEvents(string connectionString, int round, int count)
    {
        using var conn = new SqliteConnection(connectionString);
        conn.Open();
        using var cmd = conn.CreateCommand();
        var tag = Guid.NewGuid().ToString("N")[..8];
        cmd.CommandText = $"""
            INSERT INTO touchpoint_events (client_event_id, customer_id, type, channel, occurred_at_utc, offset_minutes, received_at_utc, properties_json, value, currency, source)
            SELECT 'late-{tag}-' || id, customer_id, type, channel, datetime(occurred_at_utc, '-1 hour'), 0, occurred_at_utc, properties_json, value, currency, 'bench'
            FROM touchpoint_events WHERE id IN (SELECT min(id) FROM touchpoint_events WHERE customer_id % 97 = {round % 97} GROUP BY customer_id LIMIT {count})
            """;
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Writes <paramref name="count"/> profiles merged long ago into the event customers (as anonymous visitors who
    /// identified would leave), with their entries in the merge log; their events already sit under the survivors.
    /// </summary>
    public static void SqliteMergedProfiles(string connectionString, int count)
    {
        using var conn = new SqliteConnection(connectionString);
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $$"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{count}})
            INSERT INTO customers (id, name, segment, attributes_json, created_at_utc, merged_into_id)
            SELECT 100000000 + i, 'visitor ' || i, '', '{}', '2026-01-01 00:00:00', i FROM n;
            INSERT INTO customer_merges (from_id, into_id, merged_at_utc)
            SELECT id, merged_into_id, '2026-01-02 00:00:00' FROM customers WHERE id > 100000000 ORDER BY id;
            """;
        cmd.ExecuteNonQuery();
    }
}
