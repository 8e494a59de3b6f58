using Touchpoint.Testing;
using Microsoft.EntityFrameworkCore;

namespace Touchpoint.Cli.Tests;

/// <summary>`touchpoint analytics …` on a small demo company: each analysis against counts read straight from the store.</summary>
public abstract class AnalyticsCommandTests(Func<Task<CliStore>> newStore)
{
    private readonly string _mirror = TestTemp.File("mirror.duckdb");

    private async Task<CliStore> DemoAsync()
    {
        var store = await newStore();
        var demo = await store.RunAsync("demo", "--customers", "60", "--seed", "11");
        Assert.True(demo.Exit == 0, demo.Err);
        return store;
    }

    private Task<CliResult> Analytics(CliStore store, params string[] args) => store.RunAsync(["analytics", .. args, "--mirror", _mirror]);

    [Fact]
    public async Task A_mirror_open_in_another_process_is_named_and_nothing_breaks()
    {
        var store = await DemoAsync();
        // This test process holds the file, as a web host does for a minute after a question; the CLI runs as its own process.
        await using (var holder = new DuckDB.NET.Data.DuckDBConnection($"Data Source={_mirror}"))
        {
            await holder.OpenAsync(TestContext.Current.CancellationToken);
            var cli = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "touchpoint.dll"), "analytics", "funnel", "--steps", "order.placed,order.delivered", "--mirror", _mirror, .. store.StoreArgs])
                cli.ArgumentList.Add(a);
            using var run = System.Diagnostics.Process.Start(cli)!;
            var err = await run.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await run.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"error: the analytics mirror {_mirror} is open in another process (PID {Environment.ProcessId})", err);
            Assert.Contains("--mirror <file>", err);
        }
        var funnel = await Analytics(store, "funnel", "--steps", "order.placed,order.delivered", "--json");
        Assert.True(funnel.Exit == 0, funnel.Err);
    }

    [Fact]
    public async Task Funnel_paths_and_cohorts_answer_as_json_with_the_stores_customer_counts()
    {
        var store = await DemoAsync();
        var placed = await store.QueryAsync(db => db.Events.Where(e => e.Type == "order.placed").Select(e => e.CustomerId).Distinct().CountAsync());
        var active = await store.QueryAsync(db => db.Events.Select(e => e.CustomerId).Distinct().CountAsync());
        Assert.True(placed > 0);

        var funnel = await Analytics(store, "funnel", "--steps", "order.placed, order.delivered", "--window", "30d", "--json");
        Assert.True(funnel.Exit == 0, funnel.Err);
        var steps = funnel.Json().GetProperty("total").GetProperty("steps");
        Assert.Equal(placed, steps[0].GetProperty("count").GetInt32());
        Assert.InRange(steps[1].GetProperty("count").GetInt32(), 1, placed);

        var paths = await Analytics(store, "paths", "--start", "order.placed", "--depth", "1", "--top", "100", "--json");
        Assert.True(paths.Exit == 0, paths.Err);
        Assert.Equal(placed, paths.Json().EnumerateArray().Where(t => t.GetProperty("level").GetInt32() == 1).Sum(t => t.GetProperty("customers").GetInt64()));

        var cohorts = await Analytics(store, "cohorts", "--period", "month", "--periods", "3", "--json");
        Assert.True(cohorts.Exit == 0, cohorts.Err);
        Assert.Equal(active, cohorts.Json().EnumerateArray().Where(c => c.GetProperty("period").GetInt32() == 0).Sum(c => c.GetProperty("cohortSize").GetInt64()));

        var text = await Analytics(store, "funnel", "--steps", "order.placed,order.delivered", "--window", "30d");
        Assert.Contains("1. order.placed", text.Out);

        // Attributed to step 2: visitors who never ordered are counted under "(none)".
        var byStep = await Analytics(store, "funnel", "--steps", "site.visited,order.placed", "--window", "30d", "--breakdown", "channel", "--attribution", "step:2", "--json");
        Assert.True(byStep.Exit == 0, byStep.Err);
        var total = byStep.Json().GetProperty("total").GetProperty("steps");
        var groups = byStep.Json().GetProperty("breakdown").EnumerateArray().ToList();
        Assert.Equal(total[0].GetProperty("count").GetInt32(), groups.Sum(g => g.GetProperty("steps")[0].GetProperty("count").GetInt32()));
        var none = groups.Single(g => g.GetProperty("breakdown").GetString() == "(none)").GetProperty("steps");
        Assert.Equal(0, none[1].GetProperty("count").GetInt32());
        Assert.Equal(total[0].GetProperty("count").GetInt32() - total[1].GetProperty("count").GetInt32(), none[0].GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Friction_and_consistency_answer_as_json_and_bad_options_are_one_line_errors()
    {
        var store = await DemoAsync();
        var friction = await Analytics(store, "friction", "--json");
        Assert.True(friction.Exit == 0, friction.Err);
        Assert.Equal("Shopper", friction.Json().GetProperty("journey").GetString());

        var csatAnswers = await store.QueryAsync(db => (from r in db.SurveyResponses join s in db.Surveys on r.SurveyId equals s.Id
                                                        where s.Kind == Touchpoint.Domain.Voice.SurveyKind.Csat && r.Score >= 1 && r.Score <= 5 select r.Id).CountAsync());
        var consistency = await Analytics(store, "consistency", "--metric", "csat", "--by", "channel", "--min-n", "2", "--json");
        Assert.True(consistency.Exit == 0, consistency.Err);
        var json = consistency.Json();
        Assert.Equal(csatAnswers, json.GetProperty("n").GetInt32());
        Assert.Equal(csatAnswers, json.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("n").GetInt32()));

        var badWindow = await Analytics(store, "funnel", "--steps", "a,b", "--window", "soon");
        Assert.Equal(1, badWindow.Exit);
        Assert.Contains("error: window: is required, as a number and a unit", badWindow.Err);
        var badAttribution = await Analytics(store, "funnel", "--steps", "a,b", "--breakdown", "channel", "--attribution", "step:3");
        Assert.Equal(1, badAttribution.Exit);
        Assert.Contains("breakdownAttribution: step must name a step of the funnel, 1 to 2", badAttribution.Err);
        var badMetric = await Analytics(store, "consistency", "--metric", "joy");
        Assert.Equal(1, badMetric.Exit);
        Assert.Contains("metric: must be one of csat, ces, nps, resolution_hours", badMetric.Err);
        var badDepth = await Analytics(store, "paths", "--start", "order.placed", "--depth", "0");
        Assert.Contains("depth: must be between 1 and 10", badDepth.Err);
    }

    [Fact]
    public async Task Time_between_two_stages_per_entry_touchpoint_counts_every_customer_who_got_from_one_to_the_other()
    {
        var store = await DemoAsync();
        string[] purchase = ["cart.created", "order.placed", "payment.succeeded"], delivery = ["order.shipped", "order.delivered"];
        var events = await store.QueryAsync(db => db.Events.Where(e => purchase.Contains(e.Type) || delivery.Contains(e.Type))
            .Select(e => new { e.CustomerId, e.Type, e.OccurredAtUtc, e.Id }).ToListAsync());
        var expected = events.GroupBy(e => e.CustomerId).Select(g =>
        {
            var entry = g.Where(e => purchase.Contains(e.Type)).OrderBy(e => e.OccurredAtUtc).ThenBy(e => e.Id).FirstOrDefault();
            var reached = entry is null ? null : g.Where(e => delivery.Contains(e.Type) && e.OccurredAtUtc >= entry.OccurredAtUtc).OrderBy(e => e.OccurredAtUtc).FirstOrDefault();
            return reached is null ? (double?)null : (reached.OccurredAtUtc - entry!.OccurredAtUtc).TotalDays;
        }).Where(d => d is not null).Select(d => d!.Value).ToList();
        Assert.NotEmpty(expected);

        var r = await Analytics(store, "consistency", "--metric", "stage_days", "--from-stage", "purchase", "--to-stage", "delivery", "--by", "touchpoint", "--min-n", "2", "--json");
        Assert.True(r.Exit == 0, r.Err);
        var json = r.Json();
        Assert.Equal(expected.Count, json.GetProperty("n").GetInt32());
        Assert.Equal(expected.Average(), json.GetProperty("overallMean").GetDouble(), 6);
        Assert.False(json.GetProperty("higherIsBetter").GetBoolean());

        var backwards = await Analytics(store, "consistency", "--metric", "stage_days", "--from-stage", "delivery", "--to-stage", "purchase");
        Assert.Equal(1, backwards.Exit);
        Assert.Contains("toStage: 'purchase' does not come after 'delivery' in Shopper", backwards.Err);
        var unknown = await Analytics(store, "consistency", "--metric", "stage_days", "--from-stage", "checkout", "--to-stage", "delivery");
        Assert.Contains("fromStage: no stage 'checkout' in Shopper", unknown.Err);
    }

    [Fact]
    public async Task Rebuild_copies_the_whole_store_again_and_repairs_a_mirror_that_missed_an_update()
    {
        var store = await DemoAsync();
        var events = await store.QueryAsync(db => db.Events.CountAsync());
        Assert.Equal(0, (await Analytics(store, "paths", "--start", "order.placed", "--json")).Exit); // builds the mirror

        // An update in place (as a merge moves events) is invisible to the id watermark until a rebuild.
        var renamed = await store.QueryAsync(db => db.Events.Where(e => e.Type == "order.delivered").ExecuteUpdateAsync(s => s.SetProperty(e => e.Type, "order.arrived")));
        Assert.True(renamed > 0);
        var stale = await Analytics(store, "paths", "--start", "order.arrived", "--json");
        Assert.Empty(stale.Json().EnumerateArray());

        var rebuild = await Analytics(store, "rebuild", "--json");
        Assert.True(rebuild.Exit == 0, rebuild.Err);
        Assert.Equal(events, rebuild.Json().GetProperty("events").GetInt64());
        Assert.Equal(Path.GetFullPath(_mirror), rebuild.Json().GetProperty("mirror").GetString());
        var fresh = await Analytics(store, "paths", "--start", "order.arrived", "--depth", "1", "--top", "100", "--json");
        var arrived = await store.QueryAsync(db => db.Events.Where(e => e.Type == "order.arrived").Select(e => e.CustomerId).Distinct().CountAsync());
        Assert.Equal(arrived, fresh.Json().EnumerateArray().Where(t => t.GetProperty("level").GetInt32() == 1).Sum(t => t.GetProperty("customers").GetInt64()));
    }
}

public sealed class AnalyticsCommandOnSqlite() : AnalyticsCommandTests(SqliteStore.CreateAsync);

public sealed class AnalyticsCommandOnPostgres() : AnalyticsCommandTests(PostgresStore.CreateAsync);
