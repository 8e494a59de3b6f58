using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Journeys.Analytics;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;

namespace Touchpoint.Web.Tests;

/// <summary>
/// The worked examples of docs/funnels.md sent through the events API and asked of the funnels API: the answer
/// must be the hand-computed one on both stores (the DuckDB mirror catches up before it answers).
/// </summary>
public abstract class FunnelApiTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static object Ev(string id, string customer, string type, string at, string channel = "web") =>
        new { id, customerId = customer, type, channel, occurredAt = at };

    /// <summary>Ana, Ben, Cai and Dee of the worked examples (day 1 = 2026-03-02).</summary>
    private static readonly object[] Examples =
    [
        Ev("f-a1", "ana", "site.visited", "2026-03-02T09:00:00Z"), Ev("f-a2", "ana", "cart.created", "2026-03-02T09:10:00Z"), Ev("f-a3", "ana", "order.placed", "2026-03-02T09:30:00Z", "app"),
        Ev("f-b1", "ben", "site.visited", "2026-03-02T09:00:00Z"), Ev("f-b2", "ben", "help.viewed", "2026-03-02T09:05:00Z"),
        Ev("f-b3", "ben", "cart.created", "2026-03-02T10:20:00+01:00"), Ev("f-b4", "ben", "order.placed", "2026-03-03T10:00:00Z"),
        Ev("f-c1", "cai", "cart.created", "2026-03-02T08:00:00Z", "app"), Ev("f-c2", "cai", "site.visited", "2026-03-02T09:00:00Z", "app"), Ev("f-c3", "cai", "order.placed", "2026-03-02T09:40:00Z", "app"),
        // Dee's second attempt arrives first: the mirror follows ids, not times, so late events are fine.
        Ev("f-d2", "dee", "site.visited", "2026-03-04T09:00:00Z"), Ev("f-d3", "dee", "cart.created", "2026-03-04T09:30:00Z", "email"), Ev("f-d4", "dee", "order.placed", "2026-03-04T10:00:00Z"),
        Ev("f-d1", "dee", "site.visited", "2026-03-02T09:00:00Z"),
    ];

    private async Task<HttpClient> ClientWithExamplesAsync()
    {
        var writer = await app.ClientWithRoleAsync(Roles.Admin);
        var stored = await writer.PostAsJsonAsync("/api/v1/events/batch", new { events = Examples }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        return await app.ClientWithRoleAsync(Roles.Viewer);
    }

    private static object Funnel(string mode, bool optionalCart = false, bool excludeHelp = false, string? breakdown = null, string? attribution = null) => new
    {
        steps = new object[] { new { eventType = "site.visited" }, new { eventType = "cart.created", optional = optionalCart }, new { eventType = "order.placed" } },
        window = "1d",
        mode,
        exclusions = excludeHelp ? new object[] { new { eventType = "help.viewed", fromStep = 0, toStep = 1 } } : null,
        breakdown,
        breakdownAttribution = attribution,
        from = "2026-03-01T00:00:00Z",
        to = "2026-03-05T00:00:00Z",
    };

    private async Task<FunnelResult> AskAsync(object funnel)
    {
        var client = await ClientWithExamplesAsync();
        var response = await client.PostAsJsonAsync("/api/v1/journeys/funnels", funnel, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<FunnelResult>(Json, TestContext.Current.CancellationToken))!;
    }

    private static long[] Counts(FunnelSeries s) => s.Steps.Select(x => x.Count).ToArray();

    [Fact]
    public async Task Ordered_funnel_gives_the_worked_example()
    {
        var r = await AskAsync(Funnel("ordered"));
        Assert.Equal([4L, 3, 2], Counts(r.Total));
        Assert.Equal(1200, r.Total.Steps[1].MedianSecondsFromPrevious);
        Assert.Equal(1680, r.Total.Steps[1].P90SecondsFromPrevious!.Value, 6);
        Assert.Equal(2700, r.Total.Steps[2].MedianSecondsFromFirst);
        Assert.Equal(0.5, r.Total.Steps[2].ConversionFromFirst, 9);
    }

    [Fact]
    public async Task Strict_funnel_gives_the_worked_example()
    {
        var r = await AskAsync(Funnel("strict"));
        Assert.Equal([4L, 2, 2], Counts(r.Total));
    }

    [Fact]
    public async Task Unordered_funnel_gives_the_worked_example()
    {
        var r = await AskAsync(Funnel("unordered"));
        Assert.Equal([4L, 4, 3], Counts(r.Total));
        Assert.Equal(1500, r.Total.Steps[1].MedianSecondsFromPrevious);
    }

    [Fact]
    public async Task Optional_and_exclusion_steps_give_the_worked_examples()
    {
        var optional = await AskAsync(Funnel("ordered", optionalCart: true));
        var excluded = await AskAsync(Funnel("ordered", excludeHelp: true));
        Assert.Equal([4L, 3, 3], Counts(optional.Total));
        Assert.Equal([3L, 2, 2], Counts(excluded.Total));
    }

    [Fact]
    public async Task Breakdown_by_channel_splits_by_the_starting_event()
    {
        var r = await AskAsync(Funnel("ordered", breakdown: "channel"));
        Assert.Equal(["web", "app"], r.Breakdown.Select(b => b.Breakdown));
        Assert.Equal([3L, 3, 2], Counts(r.Breakdown[0]));
        Assert.Equal([1L, 0, 0], Counts(r.Breakdown[1]));
    }

    [Fact]
    public async Task Breakdown_attribution_takes_the_last_step_reached_or_a_chosen_step()
    {
        var last = await AskAsync(Funnel("ordered", breakdown: "channel", attribution: "last_touch"));
        Assert.Equal(["app", "web"], last.Breakdown.Select(b => b.Breakdown));
        Assert.Equal([2L, 1, 1], Counts(last.Breakdown[0])); // Ana (her order, in the app), Cai (his visit, in the app)
        Assert.Equal([2L, 2, 1], Counts(last.Breakdown[1])); // Ben (his cart), Dee (her order)
        var cart = await AskAsync(Funnel("ordered", breakdown: "channel", attribution: "step:2"));
        Assert.Equal(["web", "(none)", "email"], cart.Breakdown.Select(b => b.Breakdown));
        Assert.Equal([2L, 2, 1], Counts(cart.Breakdown[0])); // Ana, Ben
        Assert.Equal([1L, 0, 0], Counts(cart.Breakdown[1])); // Cai never reached the cart step
        Assert.Equal([1L, 1, 1], Counts(cart.Breakdown[2])); // Dee's cart came from an email
    }

    [Fact]
    public async Task Bad_definitions_are_problems_naming_the_fields()
    {
        var client = await app.ClientWithRoleAsync(Roles.Viewer);
        var response = await client.PostAsJsonAsync("/api/v1/journeys/funnels",
            new { steps = new object[] { new { eventType = "site.visited" } }, window = "0d", mode = "sideways" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"mode\"", body);
        var fewer = await client.PostAsJsonAsync("/api/v1/journeys/funnels",
            new { steps = new object[] { new { eventType = "site.visited" } }, window = "0d" }, TestContext.Current.CancellationToken);
        var text = await fewer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"steps\"", text);
        Assert.Contains("\"window\"", text);
    }

    [Theory]
    [InlineData("sideways")]
    [InlineData("step:0")]
    [InlineData("step:4")]
    public async Task A_bad_breakdown_attribution_is_a_problem_naming_it(string attribution)
    {
        var client = await app.ClientWithRoleAsync(Roles.Viewer);
        var response = await client.PostAsJsonAsync("/api/v1/journeys/funnels", Funnel("ordered", breakdown: "channel", attribution: attribution), TestContext.Current.CancellationToken);
        var problem = await response.ProblemAsync(400);
        Assert.NotEmpty(problem.ErrorsFor("breakdownAttribution"));
    }

    [Fact]
    public async Task Strangers_cannot_ask()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/journeys/funnels", Funnel("ordered"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Paths_show_what_customers_did_next_and_where_they_stopped()
    {
        var client = await ClientWithExamplesAsync();
        var paths = await client.GetFromJsonAsync<List<PathTransition>>("/api/v1/journeys/paths?startType=cart.created&depth=2", Json, TestContext.Current.CancellationToken);
        var first = paths!.Where(p => p.Level == 1).ToList();
        // After their first cart: Ana, Ben and Dee ordered; Cai visited.
        Assert.Contains(first, p => p is { From: "cart.created", To: "order.placed", Customers: 3 });
        Assert.Contains(first, p => p is { From: "cart.created", To: "site.visited", Customers: 1 });
        Assert.Contains(paths!, p => p is { Level: 2, From: "order.placed", To: PathQuery.End, Customers: 3 });
    }

    [Fact]
    public async Task Cohorts_count_customers_by_first_touch_week()
    {
        var client = await ClientWithExamplesAsync();
        var cells = await client.GetFromJsonAsync<List<CohortCell>>("/api/v1/journeys/cohorts?period=week&periods=2", Json, TestContext.Current.CancellationToken);
        var week = cells!.Where(c => c.CohortStart == new DateOnly(2026, 3, 2)).ToList();
        Assert.Equal(4, week[0].CohortSize);
        Assert.Equal(4, week[0].Active);
    }
}

public sealed class FunnelApiOnSqlite(SqliteApp app) : FunnelApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class FunnelApiOnPostgres(PostgresApp app) : FunnelApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
