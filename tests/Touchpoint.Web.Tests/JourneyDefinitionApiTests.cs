using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;

namespace Touchpoint.Web.Tests;

/// <summary>
/// Journey definitions through the API: started from a template, versioned on every edit, bad definitions refused
/// by field with nothing stored, and a customer's place in the journey computed from their timeline.
/// </summary>
public abstract class JourneyDefinitionApiTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private async Task<Dictionary<string, long>> TeamsAsync(HttpClient admin)
    {
        foreach (var name in new[] { "Marketing", "Billing", "Delivery", "Support" })
            await admin.PostAsync("/api/v1/teams", Http.Json(new { name }), Http.Ct); // a second run finds them already there
        var teams = await admin.GetFromJsonAsync<JsonElement>("/api/v1/teams", Http.Ct);
        return teams.EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("id").GetInt64());
    }

    private static object TwoStages(string name, long team, object? targets = null) => new
    {
        name,
        stages = new object[]
        {
            new { key = "purchase", name = "Purchase", touchpoints = new object[] { new { eventType = "order.placed", ownerTeamId = team, required = true } } },
            new { key = "delivery", name = "Delivery", touchpoints = new object[] { new { eventType = "order.delivered", ownerTeamId = team }, new { eventType = "ticket.created", ownerTeamId = team } } },
        },
        targets = targets ?? new object[] { new { fromStage = "purchase", toStage = "delivery", maxDays = 5 } },
    };

    [Fact]
    public async Task A_template_becomes_a_journey_and_every_edit_is_a_new_version()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var teams = await TeamsAsync(admin);
        var template = await admin.GetFromJsonAsync<JsonElement>("/api/v1/journeys/templates/shopper", Http.Ct);
        // Owners are matched to this installation's teams by name.
        Assert.Equal(teams["Marketing"], template.GetProperty("stages")[0].GetProperty("touchpoints")[0].GetProperty("ownerTeamId").GetInt64());

        var body = JsonSerializer.Deserialize<Dictionary<string, object>>(template.GetRawText())!;
        body["name"] = "Web shopper " + Guid.NewGuid().ToString("N")[..6];
        var created = await admin.PostAsync("/api/v1/journeys/definitions", Http.Json(body), Http.Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var journey = await created.ReadJsonAsync();
        var id = journey.GetProperty("id").GetInt64();
        Assert.Equal(1, journey.GetProperty("version").GetInt32());
        Assert.Equal("shopper", journey.GetProperty("templateKey").GetString());
        Assert.Equal(["awareness", "purchase", "delivery", "support", "repeat", "advocacy"],
            journey.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("key").GetString()));
        Assert.Equal("Delivery", journey.GetProperty("stages")[2].GetProperty("touchpoints")[0].GetProperty("ownerTeam").GetString());

        var edited = await admin.PutAsync($"/api/v1/journeys/definitions/{id}", Http.Json(TwoStages(body["name"].ToString()!, teams["Delivery"])), Http.Ct);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(2, (await edited.ReadJsonAsync()).GetProperty("version").GetInt32());

        var v1 = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/journeys/definitions/{id}?version=1", Http.Ct);
        var latest = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/journeys/definitions/{id}", Http.Ct);
        Assert.Equal(6, v1.GetProperty("stages").GetArrayLength());
        Assert.Equal(2, latest.GetProperty("stages").GetArrayLength());
        Assert.Equal(2, latest.GetProperty("latestVersion").GetInt32());
        var versions = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/journeys/definitions/{id}/versions", Http.Ct);
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task A_bad_edit_is_a_problem_naming_each_field_and_keeps_the_current_version()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var teams = await TeamsAsync(admin);
        var name = "Checked " + Guid.NewGuid().ToString("N")[..6];
        var created = await (await admin.PostAsync("/api/v1/journeys/definitions", Http.Json(TwoStages(name, teams["Support"])), Http.Ct)).ReadJsonAsync();
        var id = created.GetProperty("id").GetInt64();

        var bad = new
        {
            name,
            stages = new object[]
            {
                new { key = "purchase", name = "Purchase", touchpoints = new object[] { new { eventType = "order.placed", ownerTeamId = 999_999 } } },
                new { key = "purchase", name = "Again", touchpoints = new object[] { new { eventType = "order.placed", ownerTeamId = teams["Support"] } } },
            },
            targets = new object[] { new { fromStage = "purchase", toStage = "returns", maxDays = 3 } },
        };
        var problem = await (await admin.PutAsync($"/api/v1/journeys/definitions/{id}", Http.Json(bad), Http.Ct)).ProblemAsync(400);
        Assert.Equal(["no team has id 999999"], problem.ErrorsFor("stages[0].touchpoints[0].ownerTeamId"));
        Assert.Contains("duplicate stage", problem.ErrorsFor("stages[1].key")[0]);
        Assert.Contains("already belongs to stage", problem.ErrorsFor("stages[1].touchpoints[0].eventType")[0]);
        Assert.Contains("missing stage", problem.ErrorsFor("targets[0].toStage")[0]);

        var cycle = TwoStages(name, teams["Support"], new object[] { new { fromStage = "delivery", toStage = "purchase", maxDays = 3 } });
        var cycleProblem = await (await admin.PutAsync($"/api/v1/journeys/definitions/{id}", Http.Json(cycle), Http.Ct)).ProblemAsync(400);
        Assert.Contains("cycle", cycleProblem.ErrorsFor("targets[0].toStage")[0]);

        var versions = await app.QueryAsync(db => db.JourneyVersions.CountAsync(v => v.JourneyId == id, Http.Ct));
        Assert.Equal(1, versions);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync("/api/v1/journeys/definitions/987654", Http.Json(TwoStages("x", teams["Support"])), Http.Ct)).StatusCode);
    }

    [Fact]
    public async Task Viewers_read_journeys_but_cannot_change_them()
    {
        var viewer = await app.ClientWithRoleAsync(Roles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/journeys/templates", Http.Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/v1/journeys/definitions", Http.Json(TwoStages("No", 1)), Http.Ct)).StatusCode);
    }

    [Fact]
    public async Task A_customer_page_answer_says_where_the_customer_stands()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var teams = await TeamsAsync(admin);
        var name = "Progress " + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/journeys/definitions", Http.Json(TwoStages(name, teams["Delivery"])), Http.Ct)).StatusCode);
        var external = "jp-" + Guid.NewGuid().ToString("N")[..8];
        object Ev(string type, string at) => new { id = external + type + at, customerId = external, type, occurredAt = at, channel = "web" };
        var stored = await admin.PostAsync("/api/v1/events/batch", Http.Json(new { events = new[]
        {
            Ev("order.placed", "2026-03-02T09:00:00Z"), Ev("order.delivered", "2026-03-10T09:00:00Z"),
            Ev("ticket.created", "2026-03-11T09:00:00Z"), Ev("ticket.created", "2026-03-13T09:00:00Z"),
        } }), Http.Ct);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var customerId = await app.QueryAsync(db => db.Customers.Where(c => c.ExternalId == external).Select(c => c.Id).SingleAsync(Http.Ct));

        var all = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customerId}/journeys", Http.Ct);
        var mine = all.EnumerateArray().Single(j => j.GetProperty("journey").GetString() == name).GetProperty("progress");
        Assert.Equal("delivery", mine.GetProperty("currentStage").GetString());
        Assert.Equal("2026-03-10T09:00:00Z", mine.GetProperty("inStageSinceUtc").GetString());
        var repeated = Assert.Single(mine.GetProperty("repeated").EnumerateArray());
        Assert.Equal(("ticket.created", 2), (repeated.GetProperty("eventType").GetString(), repeated.GetProperty("times").GetInt32()));
        var overrun = Assert.Single(mine.GetProperty("overruns").EnumerateArray());
        Assert.Equal(8, overrun.GetProperty("days").GetDouble(), 9); // 8 days from order to delivery against a 5-day target
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/customers/987654321/journeys", Http.Ct)).StatusCode);
    }
}

public sealed class JourneyDefinitionApiOnSqlite(SqliteApp app) : JourneyDefinitionApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class JourneyDefinitionApiOnPostgres(PostgresApp app) : JourneyDefinitionApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
