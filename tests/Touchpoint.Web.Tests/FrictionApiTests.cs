using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Touchpoint.Domain.Access;
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
    public async Task Bad_options_are_problems_naming_the_field()
    {
        var client = await app.ClientWithRoleAsync(Roles.Viewer);
        var problem = await (await client.GetAsync("/api/v1/journeys/friction?outcome=joy&churnDays=0", Http.Ct)).ProblemAsync(400);
        Assert.NotEmpty(problem.ErrorsFor("outcome"));
        Assert.NotEmpty(problem.ErrorsFor("churnDays"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/journeys/friction?journeyId=424242", Http.Ct)).StatusCode);
    }
}

public class FrictionDemoOnSqlite : SqliteApp { protected override int DemoCustomers => 800; }

public class FrictionDemoOnPostgres : PostgresApp { protected override int DemoCustomers => 800; }

public sealed class FrictionApiOnSqlite(FrictionDemoOnSqlite app) : FrictionApiTests<FrictionDemoOnSqlite>(app), IClassFixture<FrictionDemoOnSqlite>;

public sealed class FrictionApiOnPostgres(FrictionDemoOnPostgres app) : FrictionApiTests<FrictionDemoOnPostgres>(app), IClassFixture<FrictionDemoOnPostgres>;
