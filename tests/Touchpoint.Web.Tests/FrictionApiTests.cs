using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Customers;
using Touchpoint.Data.Journeys;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Voice;
using Touchpoint.Domain.Journeys.Friction;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;

namespace Touchpoint.Web.Tests;

/// <summary>
/// On the demo company, whose generator builds in late deliveries that lower later NPS (docs/demo-data.md), friction
/// analysis must find that: a missed delivery promise ranks among the top friction points, owned by Delivery, with a
/// negative NPS effect whose interval excludes 0. The demo also brings its Shopper journey.
/// </summary>
public abstract class FrictionApiTests<TApp>(TApp app) where TApp : TouchpointApp
{
    [Fact]
    public async Task Late_delivery_is_a_top_friction_point_on_the_demo_company()
    {
        var client = await app.ClientWithRoleAsync(Roles.Viewer);
        var report = await client.GetFromJsonAsync<JsonElement>("/api/v1/journeys/friction?outcome=nps&only=friction", Http.Ct);
        Assert.Equal("Shopper", report.GetProperty("journey").GetString());
        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        var rank = findings.FindIndex(f => f.GetProperty("key").GetString() == "promise_missed");
        Assert.InRange(rank, 0, 4);
        var late = findings[rank];
        Assert.Equal("Delivery", late.GetProperty("ownerTeam").GetString());
        var effect = late.GetProperty("effect");
        Assert.True(effect.GetProperty("high").GetDouble() < 0, $"CI of the NPS effect of late delivery should exclude 0: {effect}");
        Assert.True(late.GetProperty("impact").GetDouble() < 0);
        Assert.NotEmpty(late.GetProperty("exampleCustomerIds").EnumerateArray());
        // Impact is reach × effect.
        Assert.Equal(late.GetProperty("affected").GetInt32() * effect.GetProperty("difference").GetDouble(), late.GetProperty("impact").GetDouble(), 6);
    }

    /// <summary>
    /// The product measures on the DuckDB mirror; the in-memory reference reads the row store. Every condition ×
    /// outcome must agree: group sizes and examples exactly, values and intervals up to floating-point sums.
    /// </summary>
    [Theory]
    [InlineData(90, 180)]
    [InlineData(30, 60)]
    public Task The_engine_measures_every_finding_as_the_in_memory_reference(int churnDays, int revenueDays) =>
        EngineMatchesReferenceAsync(new FrictionOptions(churnDays, revenueDays));

    /// <summary>
    /// The engine keeps its exposure rows between reports and recomputes only the customers whose data changed: after a
    /// late delivery, a new answer, a merge and a new customer, the refreshed rows must measure as the reference does.
    /// </summary>
    [Fact]
    public async Task Kept_friction_rows_follow_late_events_answers_merges_and_new_customers()
    {
        var engine = (DuckDbJourneyAnalytics)app.Services.GetRequiredService<IJourneyAnalytics>();
        var options = new FrictionOptions(60, 120);
        await EngineMatchesReferenceAsync(options);
        Assert.Contains(engine.LastFrictionAction, new[] { "built", "current", "refreshed" });
        await EngineMatchesReferenceAsync(options);
        Assert.Equal("current", engine.LastFrictionAction);

        await using (var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create())
        {
            var ids = await db.Events.Where(e => e.Type == "order.delivered").Select(e => e.CustomerId).Distinct().OrderBy(id => id).Take(4).ToListAsync(Http.Ct);
            var first = await db.Events.Where(e => e.CustomerId == ids[0]).MinAsync(e => e.OccurredAtUtc, Http.Ct);
            // A late-arriving delivery, earlier than everything the customer did, that broke its promise.
            db.Events.Add(Event(ids[0], "order.delivered", first.AddHours(-1), """{"days_late":4}""", null));
            // A detractor's NPS answer after the second customer's first event.
            var nps = await db.Surveys.FirstAsync(s => s.Kind == SurveyKind.Nps, Http.Ct);
            var second = await db.Events.Where(e => e.CustomerId == ids[1]).MinAsync(e => e.OccurredAtUtc, Http.Ct);
            db.SurveyResponses.Add(new SurveyResponse { SurveyId = nps.Id, CustomerId = ids[1], Score = 1, Channel = "email", AnsweredAtUtc = second.AddDays(1), CompletedAtUtc = second.AddDays(1) });
            // A new customer with an order.
            var fresh = new Customer { Name = "Friction newcomer", CreatedAtUtc = DateTime.UtcNow };
            db.Customers.Add(fresh);
            await db.SaveChangesAsync(Http.Ct);
            db.Events.Add(Event(fresh.Id, "order.placed", first.AddDays(3), null, 42m));
            await db.SaveChangesAsync(Http.Ct);
            // The third customer turns out to be the fourth.
            await using var tx = await db.Database.BeginTransactionAsync(Http.Ct);
            await CustomerMerge.MergeAsync(db, ids[2], ids[3], Http.Ct);
            await tx.CommitAsync(Http.Ct);
        }
        // The question recomputes the changed customers, unless the background catch-up already did.
        await EngineMatchesReferenceAsync(options);
        Assert.Contains(engine.LastFrictionAction, new[] { "refreshed", "current" });

        // The background's refresh (what AnalyticsMirrorService runs after each catch-up) leaves the rows current and right.
        await using (var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create())
        {
            var someone = await db.Events.Where(e => e.Type == "order.delivered").OrderByDescending(e => e.CustomerId).Select(e => e.CustomerId).FirstAsync(Http.Ct);
            var first = await db.Events.Where(e => e.CustomerId == someone).MinAsync(e => e.OccurredAtUtc, Http.Ct);
            db.Events.Add(Event(someone, "order.delivered", first.AddMinutes(-5), """{"days_late":2}""", null));
            await db.SaveChangesAsync(Http.Ct);
        }
        await app.Services.GetRequiredService<AnalyticsMirror>().CatchUpAsync(Http.Ct);
        await app.Services.GetRequiredService<FrictionFacts>().RefreshKeptAsync(Http.Ct);
        await EngineMatchesReferenceAsync(options);
        Assert.Equal("current", engine.LastFrictionAction);
    }

    private static TouchpointEvent Event(long customerId, string type, DateTime at, string? properties, decimal? value) => new()
    {
        ClientEventId = $"friction-rows-{Guid.NewGuid():N}", CustomerId = customerId, Type = type, Channel = "web",
        OccurredAtUtc = at, ReceivedAtUtc = DateTime.UtcNow, Source = "api", PropertiesJson = properties, Value = value,
    };

    private async Task EngineMatchesReferenceAsync(FrictionOptions options)
    {
        FrictionReportResult expected, actual;
        await using (var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create())
        {
            expected = (await FrictionReport.ReferenceAsync(db, null, options, Http.Ct))!;
            actual = (await FrictionReport.RunAsync(db, app.Services.GetRequiredService<IJourneyAnalytics>(), null, options, Http.Ct))!;
        }
        Assert.Equal(expected.Customers, actual.Customers);
        Assert.Equal(expected.EndUtc, actual.EndUtc, TimeSpan.FromMilliseconds(1));
        Assert.Equal(expected.Findings.Select(f => (f.Finding.Key, f.Finding.Outcome)).Order(), actual.Findings.Select(f => (f.Finding.Key, f.Finding.Outcome)).Order());
        var kinds = expected.Findings.Where(f => f.Finding.AffectedMeasured > 0).Select(f => f.Finding.Kind).ToHashSet();
        Assert.Superset(new HashSet<FrictionKind> { FrictionKind.Touchpoint, FrictionKind.PromiseMissed, FrictionKind.RepeatContact, FrictionKind.OverTarget }, kinds);
        var byKey = actual.Findings.ToDictionary(f => (f.Finding.Key, f.Finding.Outcome), f => f.Finding);
        foreach (var e in expected.Findings.Select(f => f.Finding))
        {
            var a = byKey[(e.Key, e.Outcome)];
            var what = $"{e.Key} / {e.Outcome}";
            Assert.True((e.Affected, e.Others, e.AffectedMeasured, e.OthersMeasured) == (a.Affected, a.Others, a.AffectedMeasured, a.OthersMeasured),
                $"{what}: expected {(e.Affected, e.Others, e.AffectedMeasured, e.OthersMeasured)}, engine {(a.Affected, a.Others, a.AffectedMeasured, a.OthersMeasured)}");
            Close(e.AffectedValue, a.AffectedValue, what);
            Close(e.OthersValue, a.OthersValue, what);
            Assert.Equal(e.Effect is null, a.Effect is null);
            if (e.Effect is { } ee) { Close(ee.Difference, a.Effect!.Difference, what); Close(ee.Low, a.Effect.Low, what); Close(ee.High, a.Effect.High, what); }
            Close(e.Impact, a.Impact, what);
            Assert.Equal(e.ExampleCustomerIds, a.ExampleCustomerIds);
        }
    }

    private static void Close(double? expected, double? actual, string what)
    {
        Assert.True(expected is null == actual is null, $"{what}: expected {expected}, engine {actual}");
        if (expected is { } e) Assert.True(Math.Abs(e - actual!.Value) <= 1e-6 * Math.Max(1, Math.Abs(e)), $"{what}: expected {e}, engine {actual}");
    }

    [Fact]
    public async Task The_demo_shopper_journey_has_its_owners()
    {
        var client = await app.ClientWithRoleAsync(Roles.Viewer);
        var journeys = await client.GetFromJsonAsync<JsonElement>("/api/v1/journeys/definitions", Http.Ct);
        var shopper = Assert.Single(journeys.EnumerateArray());
        var owners = shopper.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!, s => s.GetProperty("touchpoints")[0].GetProperty("ownerTeam").GetString());
        Assert.Equal("Marketing", owners["awareness"]);
        Assert.Equal("Delivery", owners["delivery"]);
        Assert.Equal("Support", owners["support"]);
    }

    [Fact]
    public async Task A_report_may_come_from_the_cache_only_when_the_caller_accepts_its_age()
    {
        var client = await app.ClientWithRoleAsync(Roles.Viewer);
        async Task<DateTimeOffset> ComputedAt(string query) =>
            (await client.GetFromJsonAsync<JsonElement>("/api/v1/journeys/friction?outcome=churn" + query, Http.Ct)).GetProperty("computedAt").GetDateTimeOffset();
        var first = await ComputedAt("&maxAgeSeconds=3600");
        Assert.Equal(first, await ComputedAt("&maxAgeSeconds=3600"));   // accepted: served from the cache
        var fresh = await ComputedAt("");                                  // default: computed again
        Assert.True(fresh > first, $"a fresh report should be computed after {first:O}, got {fresh:O}");
        Assert.Equal(fresh, await ComputedAt("&maxAgeSeconds=3600"));   // and the fresh one replaces the cached one
    }

    [Fact]
    public async Task Paths_run_over_the_stages_of_the_journey_when_asked()
    {
        var client = await app.ClientWithRoleAsync(Roles.Viewer);
        var paths = await client.GetFromJsonAsync<JsonElement>("/api/v1/journeys/paths?by=stage&startType=awareness&depth=2&top=50", Http.Ct);
        var edges = paths.EnumerateArray().ToList();
        Assert.NotEmpty(edges);
        string[] stages = ["awareness", "purchase", "delivery", "support", "repeat", "advocacy", "(end)"];
        Assert.All(edges, e => Assert.Contains(e.GetProperty("to").GetString(), stages));
        Assert.All(edges.Where(e => e.GetProperty("level").GetInt32() == 1), e => Assert.Equal("awareness", e.GetProperty("from").GetString()));
        Assert.Contains(edges, e => e.GetProperty("to").GetString() == "purchase");

        var notAStage = await (await client.GetAsync("/api/v1/journeys/paths?by=stage&startType=site.visited", Http.Ct)).ProblemAsync(400);
        Assert.Contains("must be a stage of the journey", notAStage.ErrorsFor("startType").Single());
        var badBy = await (await client.GetAsync("/api/v1/journeys/paths?by=galaxy&startType=awareness", Http.Ct)).ProblemAsync(400);
        Assert.NotEmpty(badBy.ErrorsFor("by"));
        var noJourney = await (await client.GetAsync("/api/v1/journeys/paths?by=stage&journeyId=424242&startType=awareness", Http.Ct)).ProblemAsync(400);
        Assert.NotEmpty(noJourney.ErrorsFor("journeyId"));
    }

    [Fact]
    public async Task Bad_options_are_problems_naming_the_field()
    {
        var client = await app.ClientWithRoleAsync(Roles.Viewer);
        var problem = await (await client.GetAsync("/api/v1/journeys/friction?outcome=joy&churnDays=0&maxAgeSeconds=-1", Http.Ct)).ProblemAsync(400);
        Assert.NotEmpty(problem.ErrorsFor("maxAgeSeconds"));
        Assert.NotEmpty(problem.ErrorsFor("outcome"));
        Assert.NotEmpty(problem.ErrorsFor("churnDays"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/journeys/friction?journeyId=424242", Http.Ct)).StatusCode);
    }
}

public class FrictionDemoOnSqlite : SqliteApp { protected override int DemoCustomers => 800; }

public class FrictionDemoOnPostgres : PostgresApp { protected override int DemoCustomers => 800; }

public sealed class FrictionApiOnSqlite(FrictionDemoOnSqlite app) : FrictionApiTests<FrictionDemoOnSqlite>(app), IClassFixture<FrictionDemoOnSqlite>;

public sealed class FrictionApiOnPostgres(FrictionDemoOnPostgres app) : FrictionApiTests<FrictionDemoOnPostgres>(app), IClassFixture<FrictionDemoOnPostgres>;
