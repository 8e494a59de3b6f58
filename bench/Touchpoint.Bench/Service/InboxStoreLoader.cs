using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Touchpoint.Bench.Service;

/// <summary>One synthetic ticket: ids follow time, as they do in a real desk.</summary>
public readonly record struct BenchTicket(long Id, long CustomerId, int Status, int Priority, int Channel, long? TeamId, long? AssigneeId, DateTime CreatedUtc, DateTime UpdatedUtc);

/// <summary>
/// A service desk a year old with <c>count</c> tickets, bulk loaded into the real schema with the raw paths (SQLite:
/// one prepared INSERT per table in one transaction; PostgreSQL: binary COPY), not through the API. Old tickets are
/// almost all solved or closed, recent ones mostly open, so about 8% are open, as in a desk that keeps up. Open
/// tickets get their customer's first message (what the SLA clock of a view row reads); solved ones keep none, since
/// no view query reads them.
/// </summary>
public static class InboxStoreLoader
{
    public static readonly string[] Channels = ["email", "chat", "phone", "form", "social"];
    public const int Customers = 100_000;

    public static BenchTicket[] Tickets(int count, DateTime endUtc, IReadOnlyList<long> agents, IReadOnlyList<long> teams)
    {
        var rnd = new Random(42);
        var span = TimeSpan.FromDays(365).Ticks;
        var list = new BenchTicket[count];
        for (var i = 0; i < count; i++)
        {
            var created = endUtc.AddTicks(-span + span * i / count);
            var ageDays = (endUtc - created).TotalDays;
            var openChance = ageDays < 30 ? 0.6 : 0.03;
            // new 0, open 1, pending 2, on hold 3, solved 4, closed 5
            var status = rnd.NextDouble() < openChance ? rnd.Next(0, 4) : ageDays < 7 ? 4 : 5;
            long? assignee = status == 0 || rnd.NextDouble() < 0.05 ? null : agents[rnd.Next(agents.Count)];
            list[i] = new BenchTicket(i + 1, 1 + rnd.Next(Customers), status, rnd.Next(0, 10) switch { 0 => 0, 9 => 2, _ => 1 }, rnd.Next(Channels.Length),
                teams[rnd.Next(teams.Count)], assignee, created, created.AddHours(rnd.Next(1, 48)));
        }
        return list;
    }

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static void Sqlite(string connectionString, BenchTicket[] tickets)
    {
        using var conn = new SqliteConnection(connectionString);
        conn.Open();
        Exec(conn, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;");
        using (var tx = conn.BeginTransaction())
        {
            using (var c = Prepared(conn, tx, "INSERT INTO customers (id, name, segment, attributes_json, created_at_utc) VALUES ($p0, $p1, $p2, '{}', $p3)", 4, out var p))
                for (var i = 1; i <= Customers; i++)
                {
                    p[0].Value = (long)i; p[1].Value = $"Customer {i}"; p[2].Value = i % 10 == 0 ? "enterprise" : "consumer"; p[3].Value = Stamp(tickets[0].CreatedUtc);
                    c.ExecuteNonQuery();
                }
            using (var c = Prepared(conn, tx, "INSERT INTO tickets (id, subject, status, priority, channel, customer_id, team_id, assignee_id, created_at_utc, updated_at_utc, solved_at_utc, tags_json) " +
                "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, '[]')", 11, out var p))
                foreach (var t in tickets)
                {
                    p[0].Value = t.Id; p[1].Value = $"Order {t.Id} has not arrived"; p[2].Value = t.Status; p[3].Value = t.Priority; p[4].Value = Channels[t.Channel];
                    p[5].Value = t.CustomerId; p[6].Value = (object?)t.TeamId ?? DBNull.Value; p[7].Value = (object?)t.AssigneeId ?? DBNull.Value;
                    p[8].Value = Stamp(t.CreatedUtc); p[9].Value = Stamp(t.UpdatedUtc); p[10].Value = t.Status >= 4 ? Stamp(t.UpdatedUtc) : DBNull.Value;
                    c.ExecuteNonQuery();
                }
            using (var c = Prepared(conn, tx, "INSERT INTO ticket_messages (id, ticket_id, author, body, channel, created_at_utc, is_automatic, is_internal) VALUES ($p0, $p1, 0, $p2, $p3, $p4, 0, 0)", 5, out var p))
                foreach (var t in tickets.Where(t => t.Status < 4))
                {
                    p[0].Value = t.Id; p[1].Value = t.Id; p[2].Value = "Hello, my parcel was due yesterday. Can you check?"; p[3].Value = Channels[t.Channel]; p[4].Value = Stamp(t.CreatedUtc);
                    c.ExecuteNonQuery();
                }
            tx.Commit();
        }
        Exec(conn, "ANALYZE");
    }

    public static async Task PostgresAsync(string connectionString, BenchTicket[] tickets)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using (var w = await conn.BeginBinaryImportAsync("COPY customers (id, name, segment, attributes_json, created_at_utc) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 1; i <= Customers; i++)
            {
                await w.StartRowAsync();
                await w.WriteAsync((long)i, NpgsqlDbType.Bigint);
                await w.WriteAsync($"Customer {i}", NpgsqlDbType.Varchar);
                await w.WriteAsync(i % 10 == 0 ? "enterprise" : "consumer", NpgsqlDbType.Varchar);
                await w.WriteAsync("{}", NpgsqlDbType.Text);
                await w.WriteAsync(tickets[0].CreatedUtc, NpgsqlDbType.TimestampTz);
            }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginBinaryImportAsync("COPY tickets (id, subject, status, priority, channel, customer_id, team_id, assignee_id, created_at_utc, updated_at_utc, solved_at_utc, tags_json) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in tickets)
            {
                await w.StartRowAsync();
                await w.WriteAsync(t.Id, NpgsqlDbType.Bigint);
                await w.WriteAsync($"Order {t.Id} has not arrived", NpgsqlDbType.Varchar);
                await w.WriteAsync(t.Status, NpgsqlDbType.Integer);
                await w.WriteAsync(t.Priority, NpgsqlDbType.Integer);
                await w.WriteAsync(Channels[t.Channel], NpgsqlDbType.Varchar);
                await w.WriteAsync(t.CustomerId, NpgsqlDbType.Bigint);
                if (t.TeamId is { } team) await w.WriteAsync(team, NpgsqlDbType.Bigint); else await w.WriteNullAsync();
                if (t.AssigneeId is { } a) await w.WriteAsync(a, NpgsqlDbType.Bigint); else await w.WriteNullAsync();
                await w.WriteAsync(t.CreatedUtc, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(t.UpdatedUtc, NpgsqlDbType.TimestampTz);
                if (t.Status >= 4) await w.WriteAsync(t.UpdatedUtc, NpgsqlDbType.TimestampTz); else await w.WriteNullAsync();
                await w.WriteAsync("[]", NpgsqlDbType.Text);
            }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginBinaryImportAsync("COPY ticket_messages (id, ticket_id, author, body, channel, created_at_utc, is_automatic, is_internal) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in tickets.Where(t => t.Status < 4))
            {
                await w.StartRowAsync();
                await w.WriteAsync(t.Id, NpgsqlDbType.Bigint);
                await w.WriteAsync(t.Id, NpgsqlDbType.Bigint);
                await w.WriteAsync(0, NpgsqlDbType.Integer);
                await w.WriteAsync("Hello, my parcel was due yesterday. Can you check?", NpgsqlDbType.Text);
                await w.WriteAsync(Channels[t.Channel], NpgsqlDbType.Varchar);
                await w.WriteAsync(t.CreatedUtc, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(false, NpgsqlDbType.Boolean);
                await w.WriteAsync(false, NpgsqlDbType.Boolean);
            }
            await w.CompleteAsync();
        }
        foreach (var table in new[] { "customers", "tickets", "ticket_messages" })
        {
            // VACUUM refuses to run inside the implicit transaction of a multi-statement command: one statement each.
            foreach (var sql in new[] { $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))", $"VACUUM ANALYZE {table}" })
            {
                await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
                await cmd.ExecuteNonQueryAsync();
            }
        }
    }

    private static void Exec(SqliteConnection conn, string sql)
    {
        using var c = conn.CreateCommand();
        c.CommandText = sql;
        c.ExecuteNonQuery();
    }

    private static SqliteCommand Prepared(SqliteConnection conn, SqliteTransaction tx, string sql, int n, out SqliteParameter[] p)
    {
        var c = conn.CreateCommand();
        c.Transaction = tx;
        c.CommandText = sql;
        p = Enumerable.Range(0, n).Select(i => { var x = c.CreateParameter(); x.ParameterName = "$p" + i; c.Parameters.Add(x); return x; }).ToArray();
        c.Prepare();
        return c;
    }
}
