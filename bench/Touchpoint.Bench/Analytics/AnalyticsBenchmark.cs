using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys.Analytics;
using Touchpoint.Testing;

namespace Touchpoint.Bench.Analytics;

public sealed record AnalyticsTiming(int Events, string Question, string Engine, double Seconds, long Check);

/// <summary>
/// Funnel, path and cohort questions over the same synthetic journeys, answered in one run by Touchpoint's DuckDB
/// engine (on the mirror, fed from the SQLite store by the real <see cref="AnalyticsMirror"/>) and by hand-written
/// SQL on DuckDB, SQLite and PostgreSQL; and friction (<see cref="FrictionQuestion"/>), answered by the product in memory
/// and by hand-written SQL on the DuckDB mirror. <paramref name="frictionOnly"/> skips the other three. Each timing is the median of 3 warm runs (1 run when the first takes > 10 s).
/// </summary>
public static class AnalyticsBenchmark
{
    public static async Task<List<AnalyticsTiming>> RunAsync(int count, IReadOnlyList<StoreProvider> stores, bool frictionOnly, bool skipReference, Action<string> log)
    {
        var results = new List<AnalyticsTiming>();
        var sw = Stopwatch.StartNew();
        // TP_BENCH_REUSE=folder answers the questions on stores a TP_BENCH_KEEP=1 run left there, without loading them again.
        var reuse = Environment.GetEnvironmentVariable("TP_BENCH_REUSE") is { Length: > 0 } kept && File.Exists(Path.Combine(kept, "touchpoint.db")) ? kept : null;
        var events = reuse is null ? JourneyEvents.Generate(count) : [];
        if (reuse is null) log($"generated {count:N0} events for {events.Max(e => e.CustomerId):N0} customers in {sw.Elapsed.TotalSeconds:F1} s");
        var dir = reuse ?? Path.Combine(Path.GetTempPath(), "tp-analytics-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var sqlite = new StoreOptions { Provider = StoreProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(dir, "touchpoint.db")}" };
            await using var sqliteServices = await StoreServicesAsync(sqlite, Path.Combine(dir, "analytics.duckdb"));
            var storeFactory = sqliteServices.GetRequiredService<TouchpointDbFactory>();
            if (reuse is null)
            {
                sw.Restart();
                StoreLoader.Sqlite(sqlite.ConnectionString, events);
                log($"SQLite bulk load: {sw.Elapsed.TotalSeconds:F1} s");
                var surveyId = await FrictionQuestion.DefineJourneyAsync(storeFactory);
                sw.Restart();
                var answers = StoreLoader.SqliteAnswers(sqlite.ConnectionString, events, surveyId);
                log($"SQLite: {answers:N0} NPS answers loaded in {sw.Elapsed.TotalSeconds:F1} s");
            }
            else log($"reusing the stores in {dir}");

            sw.Restart();
            await sqliteServices.GetRequiredService<AnalyticsMirror>().CatchUpAsync(CancellationToken.None);
            log($"DuckDB mirror built from the SQLite store by AnalyticsMirror: {sw.Elapsed.TotalSeconds:F1} s ({count / sw.Elapsed.TotalSeconds:N0} rows/s)");
            // Every question first catches the mirror up; with nothing new that is the whole overhead on top of the query.
            async Task TimeCatchUpsAsync(string what)
            {
                for (var i = 0; i < 3; i++)
                {
                    sw.Restart();
                    await sqliteServices.GetRequiredService<AnalyticsMirror>().CatchUpAsync(CancellationToken.None);
                    log($"catch-up with nothing new{what}: {sw.Elapsed.TotalMilliseconds:F0} ms");
                }
            }
            await TimeCatchUpsAsync("");
            var engine = sqliteServices.GetRequiredService<IJourneyAnalytics>();
            var duckDb = sqliteServices.GetRequiredService<AnalyticsDatabase>();

            string? postgres = null;
            if (stores.Contains(StoreProvider.Postgres) && !frictionOnly && reuse is null)
            {
                postgres = await PostgresServer.CreateDatabaseAsync("tpbench");
                await using var pgServices = await StoreServicesAsync(new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = postgres }, Path.Combine(dir, "unused.duckdb"));
                sw.Restart();
                await StoreLoader.PostgresAsync(postgres, events);
                log($"PostgreSQL bulk load (binary COPY) + VACUUM ANALYZE: {sw.Elapsed.TotalSeconds:F1} s");
            }
            events = [];
            GC.Collect();

            var funnel = new FunnelDefinition
            {
                Steps = [new("site.visited"), new("cart.created"), new("order.placed")],
                Window = TimeSpan.FromDays(7),
            };
            // The other step orders, engine against hand-written DuckDB only (the row stores lag far behind on the ordered one).
            var strict = funnel with { Order = FunnelOrder.Strict, Steps = [new("site.visited"), new("help.viewed"), new("cart.created")] };
            var anyOrder = funnel with { Order = FunnelOrder.Unordered };
            var questions = new (string Name, Func<Task<long>> Engine, string Duck, string? Sqlite, string? Postgres)[]
            {
                ("funnel (3 steps, 7 d, ordered)", async () => (await engine.FunnelAsync(funnel, default)).Total.Steps[2].Count,
                    HandWrittenSql.FunnelDuckDb, HandWrittenSql.FunnelRowStore(false), HandWrittenSql.FunnelRowStore(true)),
                ("funnel (3 steps, 7 d, strict)", async () => (await engine.FunnelAsync(strict, default)).Total.Steps[2].Count,
                    HandWrittenSql.StrictFunnelDuckDb, null, null),
                ("funnel (3 steps, 7 d, any order)", async () => (await engine.FunnelAsync(anyOrder, default)).Total.Steps[2].Count,
                    HandWrittenSql.AnyOrderFunnelDuckDb, null, null),
                ("path (next after first cart)", async () => (await engine.PathsAsync(new PathQuery("cart.created", Depth: 1, TopPerLevel: 20), default))
                    .Where(p => p.To == "order.placed").Sum(p => p.Customers), HandWrittenSql.PathDuckDb, HandWrittenSql.PathRowStore, HandWrittenSql.PathRowStore),
                ("cohorts (month x 6)", async () => (await engine.RetentionCohortsAsync(new CohortQuery(CohortPeriod.Month, 6), default)).Sum(c => c.Active),
                    HandWrittenSql.CohortDuckDb, HandWrittenSql.CohortRowStore(false), HandWrittenSql.CohortRowStore(true)),
            };
            // The engine rows time the kept tables current: one untimed question of each kind builds them first.
            if (!frictionOnly) foreach (var q in questions) await q.Engine();
            foreach (var q in questions.Where(_ => !frictionOnly))
            {
                results.Add(await TimeAsync(count, q.Name, "Touchpoint engine (DuckDB)", q.Engine));
                results.Add(await TimeAsync(count, q.Name, "hand-written DuckDB SQL", () => DuckScalarAsync(duckDb, q.Duck)));
                if (stores.Contains(StoreProvider.Sqlite) && q.Sqlite is { } onSqlite)
                    results.Add(await TimeAsync(count, q.Name, "hand-written SQL on SQLite", () => ScalarAsync(new SqliteConnection(sqlite.ConnectionString), onSqlite)));
                if (postgres is not null && q.Postgres is { } onPostgres)
                    results.Add(await TimeAsync(count, q.Name, "hand-written SQL on PostgreSQL", () => ScalarAsync(new NpgsqlConnection(postgres), onPostgres)));
                foreach (var r in results.TakeLast(4).Where(r => r.Question == q.Name)) log($"  {r.Question} | {r.Engine} | {r.Seconds:F3} s | check {r.Check}");
            }
            if (!frictionOnly)
            {
                // The rows above find the database open, as questions a minute apart do (AnalyticsDatabase.KeepOpenAsync);
                // here it is closed after every question, as the first question after an idle minute finds it.
                var analyticsOptions = sqliteServices.GetRequiredService<AnalyticsOptions>();
                var keepOpen = analyticsOptions.KeepOpenAfterQuestion;
                analyticsOptions.KeepOpenAfterQuestion = TimeSpan.Zero;
                await duckDb.ReleaseIfIdleAsync(default);
                foreach (var q in questions)
                {
                    results.Add(await TimeAsync(count, q.Name, "Touchpoint engine, mirror closed between questions", q.Engine));
                    log($"  {q.Name} | {results[^1].Engine} | {results[^1].Seconds:F3} s | check {results[^1].Check}");
                }
                analyticsOptions.KeepOpenAfterQuestion = keepOpen;
            }
            var duckEngine = (DuckDbJourneyAnalytics)engine;
            var late = 0;
            if (!frictionOnly)
            {
                // Funnels and touchpoint paths read tables the mirror keeps (TypeTimes, PathTimeline): the first question
                // builds one from every event, later ones recompute the customers whose events changed. The late events
                // are written to the store before the clock starts; copying them to the mirror is timed.
                var keptTables = new (int Question, string Table, string First, Func<string> Action)[]
                {
                    (0, TypeTimes.TableName, "Touchpoint engine, first question (lists the times per type)", () => duckEngine.LastTypeTimesAction),
                    (3, PathTimeline.TableName, "Touchpoint engine, first question (numbers the timeline)", () => duckEngine.LastTimelineAction),
                };
                foreach (var k in keptTables)
                {
                    var q = questions[k.Question];
                    await DropKeptAsync(duckDb, k.Table);
                    results.Add(await TimeAsync(count, q.Name, k.First, q.Engine, runs: 1));
                    results.Add(await TimeAsync(count, q.Name, "Touchpoint engine, after 10,000 late events", async () =>
                    {
                        var check = await q.Engine();
                        if (k.Action() != "refreshed") throw new InvalidOperationException($"expected a refresh of {k.Table}, it was {k.Action()}");
                        return check;
                    }, before: () => StoreLoader.SqliteLateEvents(sqlite.ConnectionString, ++late, 10_000)));
                    foreach (var r in results.TakeLast(2)) log($"  {r.Question} | {r.Engine} | {r.Seconds:F3} s | check {r.Check}");
                }
            }
            // The product measures every condition × outcome on the engine from exposure rows it keeps (FrictionFacts):
            // the first report of a journey builds them, later ones aggregate them after recomputing changed customers.
            // The in-memory reference is the former path.
            await DropFrictionRowsAsync(duckDb);
            results.Add(await TimeAsync(count, FrictionQuestion.Name, "Touchpoint engine, first report (builds kept rows)", () => FrictionQuestion.ProductAsync(storeFactory, engine), runs: 1));
            results.Add(await TimeAsync(count, FrictionQuestion.Name, "Touchpoint engine (DuckDB), kept rows current", () => FrictionQuestion.ProductAsync(storeFactory, engine)));
            // The late events are written to the store before the clock starts; copying them to the mirror is timed.
            results.Add(await TimeAsync(count, FrictionQuestion.Name, "Touchpoint engine, after 10,000 late events", async () =>
            {
                var check = await FrictionQuestion.ProductAsync(storeFactory, engine);
                if (duckEngine.LastFrictionAction != "refreshed") throw new InvalidOperationException($"expected a refresh, the engine {duckEngine.LastFrictionAction} its rows");
                return check;
            }, before: () => StoreLoader.SqliteLateEvents(sqlite.ConnectionString, ++late, 10_000)));
            results.Add(await TimeAsync(count, FrictionQuestion.Name, "hand-written DuckDB SQL", () => DuckScalarAsync(duckDb, FrictionQuestion.DuckDb)));
            if (!skipReference)
                results.Add(await TimeAsync(count, FrictionQuestion.Name, "in-memory reference (FrictionAnalysis over SQLite)", () => FrictionQuestion.ReferenceAsync(storeFactory)));
            foreach (var r in results.Where(r => r.Question == FrictionQuestion.Name)) log($"  {r.Question} | {r.Engine} | {r.Seconds:F3} s | check {r.Check}");

            // Every question catches the mirror up first; with nothing new that must not grow with the merges made
            // before (until the store logged merges, each catch-up read every merged profile).
            var merged = count / 50;
            await TimeCatchUpsAsync(", before the merged profiles");
            StoreLoader.SqliteMergedProfiles(sqlite.ConnectionString, merged);
            sw.Restart();
            await sqliteServices.GetRequiredService<AnalyticsMirror>().CatchUpAsync(CancellationToken.None);
            log($"catch-up that takes in {merged:N0} merged profiles and their log: {sw.Elapsed.TotalMilliseconds:F0} ms");
            await TimeCatchUpsAsync($", {merged:N0} merged profiles");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            // TP_BENCH_KEEP=1 keeps the stores for profiling (EXPLAIN ANALYZE on the mirror).
            if (Environment.GetEnvironmentVariable("TP_BENCH_KEEP") == "1" || reuse is not null) log($"kept {dir}");
            else try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
        return results;
    }

    private static async Task<ServiceProvider> StoreServicesAsync(StoreOptions store, string mirrorPath)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddTouchpointStore(store);
        services.AddJourneyAnalytics(new AnalyticsOptions { MirrorPath = mirrorPath, BatchSize = 500_000 });
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StoreMigrator>().MigrateAsync();
        return provider;
    }

    /// <summary>Forgets a kept table, so the next question builds it as the first one does.</summary>
    private static async Task DropKeptAsync(AnalyticsDatabase db, string table)
    {
        await using DuckDBConnection conn = await db.OpenAsync(default);
        await KeptCustomerTable.DropAsync(conn, table, default);
    }

    /// <summary>Empties the kept friction rows, so the next report builds them as the first report of a journey does.</summary>
    private static async Task DropFrictionRowsAsync(AnalyticsDatabase db)
    {
        await using DuckDBConnection conn = await db.OpenAsync(default);
        await FrictionFacts.DropSetsAsync(conn, "SELECT id FROM friction_sets", default);
    }

    private static async Task<AnalyticsTiming> TimeAsync(int events, string question, string engine, Func<Task<long>> run, int runs = 3, Action? before = null)
    {
        var times = new List<double>();
        long check = 0;
        for (var i = 0; i < runs; i++)
        {
            before?.Invoke();
            var sw = Stopwatch.StartNew();
            check = await run();
            times.Add(sw.Elapsed.TotalSeconds);
            if (sw.Elapsed.TotalSeconds > 10) break;
        }
        times.Sort();
        return new AnalyticsTiming(events, question, engine, times[times.Count / 2], check);
    }

    private static async Task<long> DuckScalarAsync(AnalyticsDatabase db, string sql)
    {
        await using DuckDBConnection conn = await db.OpenAsync(default);
        return await ScalarOnAsync(conn, sql);
    }

    private static async Task<long> ScalarAsync(DbConnection conn, string sql)
    {
        await using (conn)
        {
            await conn.OpenAsync();
            return await ScalarOnAsync(conn, sql);
        }
    }

    private static async Task<long> ScalarOnAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        var value = await cmd.ExecuteScalarAsync();
        // DuckDB sums into HUGEINT, which arrives as a BigInteger.
        return value is System.Numerics.BigInteger big ? (long)big : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }
}
