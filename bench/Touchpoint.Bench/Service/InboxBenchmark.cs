using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Touchpoint.Data.Access;
using Touchpoint.Data.Search;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Service;
using Touchpoint.Testing;
using Touchpoint.Web.Features.Service.Views;
using Touchpoint.Web.Features.Service.Workspace;

namespace Touchpoint.Bench.Service;

public sealed record InboxResult(string Store, string View, string Path, double Seconds, int Rows);

/// <summary>
/// The inbox views (all open, mine, unassigned: first page of 50; breaching soon: the 50 soonest) with a million
/// tickets in the store, run through the real <see cref="TicketViewQuery"/> (EF Core, SLA state per row), against
/// hand-written SQL fetching the same page on the same store (one joined SELECT for the rows and names, then the rows
/// the SLA clock reads). The hand-written side does not compute SLA states, so the ratio includes that work.
/// </summary>
public static class InboxBenchmark
{
    private const int Page = 50;
    private const int Runs = 5;

    public static async Task<(IReadOnlyList<InboxResult> Results, double LoadSeconds)> RunAsync(StoreProvider store, int count)
    {
        await using var app = new BenchApp(store, realServer: false);
        await app.InitializeAsync();
        var (agents, teams) = await CastAsync(app);
        var tickets = InboxStoreLoader.Tickets(count, DateTime.UtcNow, agents, teams);
        var load = Stopwatch.StartNew();
        if (store == StoreProvider.Sqlite) InboxStoreLoader.Sqlite(app.ConnectionString, tickets);
        else await InboxStoreLoader.PostgresAsync(app.ConnectionString, tickets);
        var loadSeconds = load.Elapsed.TotalSeconds;

        var name = store == StoreProvider.Sqlite ? "sqlite" : "postgres";
        var me = agents[0];
        var results = new List<InboxResult>();
        foreach (var (key, label, extra) in new[]
        {
            ("open", "all open, first page", ""), ("mine", "mine, first page", $"AND t.assignee_id = {me}"),
            ("unassigned", "unassigned, first page", "AND t.assignee_id IS NULL"), ("breaching", "breaching soon (50 soonest)", ""),
        })
        {
            var filter = BuiltInViews.All.Single(v => v.Key == key).Filter;
            results.Add(await TimeAsync(name, label, "Touchpoint view query (EF Core + SLA state)", async () =>
            {
                using var scope = app.Services.CreateScope();
                await using var db = scope.ServiceProvider.GetRequiredService<TouchpointDbFactory>().Create();
                var page = await TicketViewQuery.RunAsync(db, scope.ServiceProvider.GetRequiredService<ITicketSearch>(),
                    scope.ServiceProvider.GetRequiredService<ServiceClock>(), filter, me, null, Page, CancellationToken.None);
                return page.Items.Count;
            }));
            results.Add(await TimeAsync(name, label, "hand-written SQL, same page", async () =>
            {
                await using var conn = Open(store, app.ConnectionString);
                await conn.OpenAsync();
                return key == "breaching" ? await BreachingAsync(conn) : await PageAsync(conn, extra);
            }));
        }
        return (results, loadSeconds);
    }

    private static DbConnection Open(StoreProvider store, string cs) => store == StoreProvider.Sqlite ? new SqliteConnection(cs) : new NpgsqlConnection(cs);

    private const string Open_ = "t.merged_into_id IS NULL AND t.status NOT IN (4, 5)";

    /// <summary>The page with customer and assignee names in one query, then the messages and state history of its tickets.</summary>
    private static async Task<int> PageAsync(DbConnection conn, string extra)
    {
        var ids = new List<long>();
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = $"SELECT t.id, t.subject, t.status, t.priority, t.channel, t.customer_id, t.assignee_id, t.created_at_utc, t.updated_at_utc, c.name, u.display_name " +
                $"FROM tickets t JOIN customers c ON c.id = t.customer_id LEFT JOIN users u ON u.id = t.assignee_id WHERE {Open_} {extra} ORDER BY t.id DESC LIMIT {Page + 1}";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) ids.Add(r.GetInt64(0));
        }
        await SlaInputsAsync(conn, string.Join(',', ids.Take(Page)));
        return Math.Min(ids.Count, Page);
    }

    /// <summary>The same candidates the view query weighs (the first 5,000 open tickets), their SLA inputs, and names for 50.</summary>
    private static async Task<int> BreachingAsync(DbConnection conn)
    {
        var ids = new List<long>();
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = $"SELECT * FROM tickets t WHERE {Open_} ORDER BY t.id LIMIT 5000";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) ids.Add(r.GetInt64(0));
        }
        await SlaInputsAsync(conn, $"SELECT t.id FROM tickets t WHERE {Open_} ORDER BY t.id LIMIT 5000");
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = $"SELECT t.id, c.name, u.display_name FROM tickets t JOIN customers c ON c.id = t.customer_id LEFT JOIN users u ON u.id = t.assignee_id WHERE t.id IN ({string.Join(',', ids.Take(Page))})";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) { }
        }
        return Math.Min(ids.Count, Page);
    }

    private static async Task SlaInputsAsync(DbConnection conn, string idsOrQuery)
    {
        if (idsOrQuery.Length == 0) return;
        foreach (var table in new[] { "ticket_messages", "ticket_status_changes" })
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT * FROM {table} WHERE ticket_id IN ({idsOrQuery})";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) { }
        }
    }

    private static async Task<InboxResult> TimeAsync(string store, string view, string path, Func<Task<int>> run)
    {
        var rows = await run();   // warm-up: plans, caches, JIT
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            rows = await run();
            times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        return new InboxResult(store, view, path, times[Runs / 2], rows);
    }

    /// <summary>20 agents in 5 teams, as a mid-sized desk.</summary>
    private static async Task<(List<long> Agents, List<long> Teams)> CastAsync(TouchpointApp app)
    {
        await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
        var now = DateTime.UtcNow;
        var teams = Enumerable.Range(1, 5).Select(i => new Team { Name = $"Team {i}", CreatedAtUtc = now }).ToList();
        db.Teams.AddRange(teams);
        var agents = Enumerable.Range(1, 20).Select(i => new AppUser
        {
            UserName = $"agent{i}@bench.test", NormalizedUserName = $"AGENT{i}@BENCH.TEST", Email = $"agent{i}@bench.test", NormalizedEmail = $"AGENT{i}@BENCH.TEST",
            DisplayName = $"Agent {i}", Role = Roles.Agent, CreatedAtUtc = now, SecurityStamp = Guid.NewGuid().ToString("N"),
        }).ToList();
        db.Users.AddRange(agents);
        await db.SaveChangesAsync();
        return (agents.Select(a => a.Id).ToList(), teams.Select(t => t.Id).ToList());
    }
}
