using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Demo;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys.Analytics;
using Touchpoint.Testing;

namespace Touchpoint.Web.Tests;

/// <summary>
/// The DuckDB engine against the Domain reference on the demo company, for every mode, and the mirror's promises:
/// rebuilt when its file is gone, resumed (not repeated) after a restart.
/// </summary>
public abstract class JourneyAnalyticsTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly SemaphoreSlim Loaded = new(1, 1);
    private bool _demo;

    private async Task EnsureDemoAsync()
    {
        await Loaded.WaitAsync(Ct);
        try
        {
            await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
            if (_demo || await db.Events.AnyAsync(e => e.Source == "demo", Ct)) return;
            await app.Services.GetRequiredService<DemoLoader>().LoadAsync(150, seed: 11, progress: null, Ct);
            _demo = true;
        }
        finally { Loaded.Release(); }
    }

    private async Task<List<CustomerEvents>> CustomersAsync()
    {
        await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
        var segments = await db.Customers.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Segment, Ct);
        var events = await db.Events.AsNoTracking().ToListAsync(Ct);
        return events.GroupBy(e => e.CustomerId).Select(g => new CustomerEvents(g.Key, segments.GetValueOrDefault(g.Key) ?? "",
            g.Select(e => new FunnelEvent(e.Id, e.Type, e.Channel, e.OccurredAtUtc, FunnelEvent.ParseProperties(e.PropertiesJson))).ToList())).ToList();
    }

    public static TheoryData<string> Funnels() => ["ordered", "strict", "unordered", "optional", "exclusion", "segment", "channel", "property", "missing-middle",
        "last-touch", "step-3", "strict-last-touch", "unordered-last-touch", "unordered-step-2", "optional-last-touch",
        "property-step", "property-exclusion", "range", "unordered-segment-property", "unordered-range", "unordered-segment"];

    private static FunnelDefinition Definition(string name)
    {
        var optional = name is "optional" or "optional-last-touch";
        var f = new FunnelDefinition
        {
            Steps = [new("site.visited"), new("cart.created", Optional: optional), new("order.placed"), new("order.delivered")],
            Window = TimeSpan.FromDays(14),
            Order = name switch { "strict" => FunnelOrder.Strict, "unordered" => FunnelOrder.Unordered, _ => FunnelOrder.Ordered },
        };
        return name switch
        {
            // The demo writes cart, order and payment back to back, then the shipment later.
            "strict" => f with { Steps = [new("cart.created"), new("order.placed"), new("payment.succeeded"), new("order.shipped")] },
            "property" => f with { Steps = [new("order.shipped"), new("order.delivered")], Breakdown = new(FunnelBreakdownKind.Property, "carrier") },
            // Regression: an ASOF join from a step nobody reached must not find the step after it.
            "missing-middle" => f with { Steps = [new("site.visited"), new("no.such.event"), new("order.placed")] },
            "exclusion" => f with { Exclusions = [new FunnelExclusion("ticket.created", 2, 3)] },
            "segment" => f with { Breakdown = new(FunnelBreakdownKind.Segment) },
            "channel" => f with { Breakdown = new(FunnelBreakdownKind.Channel), Order = FunnelOrder.Unordered },
            // Breakdown attribution: the value of the furthest step reached, or of one chosen step ("(none)" when not reached).
            "last-touch" => f with { Breakdown = new(FunnelBreakdownKind.Channel, Attribution: BreakdownAttribution.LastTouch) },
            "step-3" => f with { Breakdown = new(FunnelBreakdownKind.Channel, Attribution: BreakdownAttribution.Step, Step: 2) },
            "strict-last-touch" => f with { Order = FunnelOrder.Strict, Steps = [new("cart.created"), new("order.placed"), new("payment.succeeded"), new("order.shipped")],
                Breakdown = new(FunnelBreakdownKind.Channel, Attribution: BreakdownAttribution.LastTouch) },
            "unordered-last-touch" => f with { Order = FunnelOrder.Unordered, Breakdown = new(FunnelBreakdownKind.Channel, Attribution: BreakdownAttribution.LastTouch) },
            "unordered-step-2" => f with { Order = FunnelOrder.Unordered, Breakdown = new(FunnelBreakdownKind.Channel, Attribution: BreakdownAttribution.Step, Step: 1) },
            "optional-last-touch" => f with { Breakdown = new(FunnelBreakdownKind.Channel, Attribution: BreakdownAttribution.LastTouch) },
            // Property filters on a later step or an exclusion, with the events read instead of the kept lists.
            "property-step" => f with { Steps = [new("order.placed"), new("order.shipped", Properties: new Dictionary<string, string> { ["carrier"] = "FastPost" }), new("order.delivered")] },
            "property-exclusion" => f with { Steps = [new("order.placed"), new("order.shipped", Properties: new Dictionary<string, string> { ["carrier"] = "FastPost" }), new("order.delivered")],
                Exclusions = [new FunnelExclusion("order.shipped", 0, 1, new Dictionary<string, string> { ["carrier"] = "CityCourier" })] },
            "unordered-segment-property" => f with { Order = FunnelOrder.Unordered, Breakdown = new(FunnelBreakdownKind.Segment),
                Steps = [new("order.placed"), new("order.shipped", Properties: new Dictionary<string, string> { ["carrier"] = "FastPost" }), new("order.delivered")] },
            // Unordered on bare types reads the kept lists, where a customer's earliest time may answer alone.
            "unordered-range" => f with { Order = FunnelOrder.Unordered },
            "unordered-segment" => f with { Order = FunnelOrder.Unordered, Breakdown = new(FunnelBreakdownKind.Segment) },
            _ => f,
        };
    }

    [Theory]
    [MemberData(nameof(Funnels))]
    public async Task DuckDb_answers_as_the_reference_on_the_demo_company(string name)
    {
        await EnsureDemoAsync();
        var f = Definition(name);
        var customers = await CustomersAsync();
        if (name is "range" or "unordered-range")
        {
            // Attempts start in the middle third of the demo's visits; their later steps may fall after it.
            var visits = customers.SelectMany(c => c.Events).Where(e => e.Type == "site.visited").Select(e => e.AtUtc).Order().ToList();
            f = f with { FromUtc = visits[visits.Count / 3], ToUtc = visits[2 * visits.Count / 3] };
        }
        var expected = FunnelCalculator.Calculate(f, customers);

        var engine = app.Services.GetRequiredService<IJourneyAnalytics>();
        var actual = await engine.FunnelAsync(f, Ct);
        Assert.True(expected.Total.Steps[0].Count > 0, "the demo should enter the funnel");
        if (name is "range" or "unordered-range") Assert.True(expected.Total.Steps[0].Count < FunnelCalculator.Calculate(f with { FromUtc = null, ToUtc = null }, customers).Total.Steps[0].Count, "the range should leave customers out");
        if (name == "property-exclusion") Assert.True(expected.Total.Steps[0].Count < FunnelCalculator.Calculate(f with { Exclusions = [] }, customers).Total.Steps[0].Count, "the exclusion should remove customers");
        // Funnels on bare event types with no breakdown or a segment one read a kept table (ordered and unordered the
        // per-type times, strict the numbered timeline); property filters and per-event breakdowns read the events.
        var bare = f.Breakdown.Kind is FunnelBreakdownKind.None or FunnelBreakdownKind.Segment
            && f.Steps.All(s => s.Properties is null) && f.Exclusions.All(x => x.Properties is null);
        var kept = !bare ? null : f.Order == FunnelOrder.Strict ? "timeline" : "type_times";
        Assert.Equal(kept, ((DuckDbJourneyAnalytics)engine).LastFunnelKeptTable);
        AssertSame(expected.Total, actual.Total);
        Assert.Equal(expected.Breakdown.Select(b => b.Breakdown), actual.Breakdown.Select(b => b.Breakdown));
        foreach (var (e, a) in expected.Breakdown.Zip(actual.Breakdown)) AssertSame(e, a);
    }

    /// <summary>Past ListEventsPerStatement events the per-type times are listed in customer buckets; the lists are the same.</summary>
    [Fact]
    public async Task Per_type_times_listed_in_customer_buckets_equal_one_grouping_of_the_events()
    {
        await EnsureDemoAsync();
        var mirror = app.Services.GetRequiredService<AnalyticsMirror>();
        await mirror.CatchUpAsync(Ct);
        var options = app.Services.GetRequiredService<AnalyticsOptions>();
        long events;
        await using (var conn = await new AnalyticsDatabase(options).OpenAsync(Ct))
        {
            events = await AnalyticsDatabase.ScalarAsync(conn, "SELECT count(*) FROM events", Ct);
            await KeptCustomerTable.DropAsync(conn, TypeTimes.TableName, Ct);
        }
        Assert.True(events > 1_000, "the demo should have events to bucket");
        var bucketed = new TypeTimes(mirror, new AnalyticsOptions { MirrorPath = options.MirrorPath, ListEventsPerStatement = events / 5 }); // 6 buckets
        Assert.Equal("built", await bucketed.EnsureCurrentAsync(Ct));

        await using var check = await new AnalyticsDatabase(options).OpenAsync(Ct);
        const string grouped = "SELECT customer_id, type, list(ts ORDER BY ts) AS ts FROM events GROUP BY customer_id, type";
        Assert.Equal(0, await AnalyticsDatabase.ScalarAsync(check, $"SELECT count(*) FROM (({grouped}) EXCEPT ALL (SELECT * FROM type_times))", Ct));
        Assert.Equal(0, await AnalyticsDatabase.ScalarAsync(check, $"SELECT count(*) FROM ((SELECT * FROM type_times) EXCEPT ALL ({grouped}))", Ct));
    }

    private static string Split(FunnelResult r) => string.Join("; ", r.Breakdown.Select(b => $"{b.Breakdown}: {string.Join(",", b.Steps.Select(s => s.Count))}"));

    private static void AssertSame(FunnelSeries expected, FunnelSeries actual)
    {
        Assert.Equal(expected.Steps.Select(s => s.Count), actual.Steps.Select(s => s.Count));
        foreach (var (e, a) in expected.Steps.Zip(actual.Steps))
        {
            Close(e.MedianSecondsFromPrevious, a.MedianSecondsFromPrevious);
            Close(e.P90SecondsFromPrevious, a.P90SecondsFromPrevious);
            Close(e.MedianSecondsFromFirst, a.MedianSecondsFromFirst);
            Close(e.P90SecondsFromFirst, a.P90SecondsFromFirst);
        }
    }

    // DuckDB keeps microseconds, the store 100 ns ticks.
    private static void Close(double? e, double? a)
    {
        Assert.Equal(e is null, a is null);
        if (e is not null) Assert.InRange(a!.Value, e.Value - 1e-5, e.Value + 1e-5);
    }

    /// <summary>Cohorts by month and by ISO week (from Monday), with and without an activity type, against a plain count.</summary>
    [Theory]
    [InlineData(CohortPeriod.Month, null)]
    [InlineData(CohortPeriod.Week, null)]
    [InlineData(CohortPeriod.Month, "order.placed")]
    public async Task DuckDb_cohorts_count_as_a_plain_reading_of_the_events(CohortPeriod period, string? activity)
    {
        await EnsureDemoAsync();
        DateTime Start(DateTime t) => period == CohortPeriod.Month ? new DateTime(t.Year, t.Month, 1) : t.Date.AddDays(-(((int)t.DayOfWeek + 6) % 7));
        int Between(DateTime from, DateTime to) => period == CohortPeriod.Month ? (to.Year - from.Year) * 12 + to.Month - from.Month : (int)((to - from).TotalDays / 7);
        var customers = await CustomersAsync();
        var expected = new Dictionary<(DateOnly, int), long>();
        var sizes = new Dictionary<DateOnly, long>();
        foreach (var c in customers)
        {
            var cohort = Start(c.Events.Min(e => e.AtUtc));
            var key = DateOnly.FromDateTime(cohort);
            sizes[key] = sizes.GetValueOrDefault(key) + 1;
            foreach (var p in c.Events.Where(e => activity is null || e.Type == activity).Select(e => Between(cohort, Start(e.AtUtc))).Where(p => p is >= 0 and < 6).Distinct())
                expected[(key, p)] = expected.GetValueOrDefault((key, p)) + 1;
        }
        var cells = await app.Services.GetRequiredService<IJourneyAnalytics>().RetentionCohortsAsync(new CohortQuery(period, 6, activity), Ct);
        Assert.Equal(sizes.Count * 6, cells.Count);
        Assert.All(cells, c => Assert.Equal(sizes[c.CohortStart], c.CohortSize));
        Assert.Equal(expected.OrderBy(kv => kv.Key).Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value)),
            cells.Where(c => c.Active > 0).Select(c => (c.CohortStart, c.Period, c.Active)));
    }

    public static TheoryData<string> Paths() => ["touchpoint", "touchpoint-to-order", "stage", "stage-to-delivery"];

    /// <summary>Paths by touchpoint and by the stages of the demo's Shopper journey: the engine as the Domain reference.</summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public async Task DuckDb_paths_answer_as_the_reference_on_the_demo_company(string name)
    {
        await EnsureDemoAsync();
        IReadOnlyDictionary<string, string> stages;
        await using (var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create())
            stages = (await Touchpoint.Data.Journeys.PathStages.ForAsync(db, "stage", null, Ct)).Stages!;
        var q = name switch
        {
            "touchpoint-to-order" => new PathQuery("site.visited", Depth: 5, TopPerLevel: 100, EndType: "order.placed"),
            "stage" => new PathQuery("awareness", Depth: 4, TopPerLevel: 100, StageOf: stages),
            "stage-to-delivery" => new PathQuery("awareness", Depth: 5, TopPerLevel: 100, EndType: "delivery", StageOf: stages),
            _ => new PathQuery("site.visited", Depth: 3, TopPerLevel: 100),
        };
        Assert.Empty(q.Validate());
        var expected = PathCalculator.Calculate(q, await CustomersAsync());
        Assert.True(expected.Count > 3, "the demo should give paths");
        if (q.ByStage) Assert.DoesNotContain(expected, t => t.From == t.To); // back-to-back repeats of a stage collapse
        var actual = await app.Services.GetRequiredService<IJourneyAnalytics>().PathsAsync(q, Ct);
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// Breakdown attribution on customers who change channel along the way (the demo shops on the web only): each
    /// mode and attribution gives the reference's split, and attribution does change the split.
    /// </summary>
    [Theory]
    [InlineData(FunnelOrder.Ordered)]
    [InlineData(FunnelOrder.Strict)]
    [InlineData(FunnelOrder.Unordered)]
    public async Task Breakdown_attribution_splits_as_the_reference_when_customers_change_channel(FunnelOrder order)
    {
        var types = await SeedChannelHoppersAsync();
        var customers = (await CustomersAsync()).Where(c => c.Events.Any(e => e.Type.StartsWith("hop.", StringComparison.Ordinal))).ToList();
        var engine = app.Services.GetRequiredService<IJourneyAnalytics>();
        var splits = new List<string>();
        foreach (var breakdown in new[]
                 {
                     new FunnelBreakdown(FunnelBreakdownKind.Channel),
                     new FunnelBreakdown(FunnelBreakdownKind.Channel, Attribution: BreakdownAttribution.LastTouch),
                     new FunnelBreakdown(FunnelBreakdownKind.Channel, Attribution: BreakdownAttribution.Step, Step: 1),
                     new FunnelBreakdown(FunnelBreakdownKind.Property, "device", BreakdownAttribution.Step, 2),
                 })
        {
            var f = new FunnelDefinition { Steps = types.Select(t => new FunnelStep(t)).ToList(), Window = TimeSpan.FromDays(3), Order = order, Breakdown = breakdown };
            var expected = FunnelCalculator.Calculate(f, customers);
            var actual = await engine.FunnelAsync(f, Ct);
            Assert.True(Split(expected) == Split(actual), $"{breakdown}: expected {Split(expected)}, engine {Split(actual)}");
            foreach (var (e, a) in expected.Breakdown.Zip(actual.Breakdown)) AssertSame(e, a);
            splits.Add(Split(expected));
        }
        Assert.Equal(4, splits.Distinct().Count());
    }

    private static readonly SemaphoreSlim Hopping = new(1, 1);

    /// <summary>Customers whose visit, cart and order come through changing channels and devices (once per store).</summary>
    private async Task<string[]> SeedChannelHoppersAsync()
    {
        string[] types = ["hop.visit", "hop.cart", "hop.order"];
        await Hopping.WaitAsync(Ct);
        try
        {
            await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
            if (await db.Events.AnyAsync(e => e.Type == types[0], Ct)) return types;
            string[] channels = ["web", "app", "email", "store"];
            var start = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
            var rnd = new Random(7);
            for (var c = 0; c < 60; c++)
            {
                var customer = new Touchpoint.Domain.Customers.Customer { Name = $"Hopper {c}", CreatedAtUtc = start };
                db.Customers.Add(customer);
                await db.SaveChangesAsync(Ct);
                var at = start.AddHours(c);
                // 1-3 passes through the funnel; later steps drop out; ties in time on purpose now and then.
                for (var pass = 0; pass < 1 + c % 3; pass++)
                    for (var k = 0; k < types.Length && rnd.NextDouble() < 0.85; k++)
                    {
                        at = at.AddMinutes(rnd.Next(0, 4) * 30);
                        db.Events.Add(new Touchpoint.Domain.Journeys.TouchpointEvent
                        {
                            ClientEventId = $"hop-{c}-{pass}-{k}", CustomerId = customer.Id, Type = types[k], Channel = channels[rnd.Next(channels.Length)],
                            OccurredAtUtc = at, ReceivedAtUtc = at, Source = "test", PropertiesJson = $$"""{"device":"{{(rnd.Next(2) == 0 ? "phone" : "laptop")}}"}""",
                        });
                    }
            }
            await db.SaveChangesAsync(Ct);
            return types;
        }
        finally { Hopping.Release(); }
    }

    [Fact]
    public async Task A_deleted_mirror_is_rebuilt_and_a_restarted_one_resumes_where_it_stopped()
    {
        await EnsureDemoAsync();
        var path = TestTemp.File("analytics.duckdb");
        var options = new AnalyticsOptions { MirrorPath = path, BatchSize = 500 };
        AnalyticsMirror NewMirror() => new(new AnalyticsDatabase(options), options, app.Services.GetRequiredService<StoreOptions>(),
            app.Services.GetRequiredService<TouchpointDbFactory>(), TimeProvider.System, NullLogger<AnalyticsMirror>.Instance);
        long stored;
        await using (var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create()) stored = await db.Events.LongCountAsync(Ct);

        Assert.Equal(stored, await NewMirror().CatchUpAsync(Ct));
        Assert.Equal(0, await NewMirror().CatchUpAsync(Ct)); // a restart copies nothing twice
        Assert.Equal(stored, await CountAsync(options));

        File.Delete(path);
        Assert.Equal(stored, await NewMirror().CatchUpAsync(Ct));
        Assert.Equal(stored, await CountAsync(options));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public async Task A_question_keeps_the_mirror_open_until_questions_stop()
    {
        var engine = app.Services.GetRequiredService<IJourneyAnalytics>();
        await engine.EventTypesAsync(Ct);
        Assert.True(app.Services.GetRequiredService<AnalyticsDatabase>().IsKeptOpen);

        var path = TestTemp.File("analytics.duckdb");
        await using var database = new AnalyticsDatabase(new AnalyticsOptions { MirrorPath = path, KeepOpenAfterQuestion = TimeSpan.FromMilliseconds(300) });
        await database.KeepOpenAsync(Ct);
        await using (var conn = await database.OpenAsync(Ct)) await AnalyticsDatabase.ExecuteAsync(conn, "CREATE TABLE kept AS SELECT 1 AS x", Ct);
        await database.ReleaseIfIdleAsync(Ct);
        Assert.True(database.IsKeptOpen, "a question came less than the idle time ago");
        await Task.Delay(400, Ct);
        await database.ReleaseIfIdleAsync(Ct);
        Assert.False(database.IsKeptOpen);
        // Closed for real: a file deleted now opens empty, where a database still held open would be handed back.
        File.Delete(path);
        await using (var conn = await database.OpenAsync(Ct))
            Assert.Equal(0, await AnalyticsDatabase.ScalarAsync(conn, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'kept'", Ct));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    private async Task<long> CountAsync(AnalyticsOptions options)
    {
        await using var conn = await new AnalyticsDatabase(options).OpenAsync(Ct);
        return await AnalyticsDatabase.ScalarAsync(conn, "SELECT count(*) FROM events", Ct);
    }
}

public sealed class JourneyAnalyticsOnSqlite(SqliteApp app) : JourneyAnalyticsTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class JourneyAnalyticsOnPostgres(PostgresApp app) : JourneyAnalyticsTests<PostgresApp>(app), IClassFixture<PostgresApp>;
