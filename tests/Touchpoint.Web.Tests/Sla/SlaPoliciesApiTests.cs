using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Sla;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Sla;

/// <summary>/api/v1/sla-policies on both stores: the seeded default, matching on tickets and views, validation, order, delete.</summary>
public abstract class SlaPoliciesApiTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private static object Policy(string name, object? conditions = null, int urgentFirst = 15) => new
    {
        name,
        conditions = conditions ?? new { },
        targets = new Dictionary<string, object>
        {
            ["urgent"] = new { firstResponse = urgentFirst, nextResponse = 60, resolution = 240 },
            ["normal"] = new { firstResponse = 120, resolution = 960 },
        },
    };

    private static string Unique(string name) => name + " " + Guid.NewGuid().ToString("N")[..6];

    private static async Task<long> TicketAsync(HttpClient client, string segment, string priority)
    {
        var customer = (await (await client.PostAsync("/api/v1/customers", Json(new { name = "Sla Customer", segment }), Ct)).ReadJsonAsync()).GetProperty("id").GetInt64();
        var created = await (await client.PostAsync("/api/v1/tickets", Json(new { customerId = customer, subject = "Help", message = "Please help.", channel = "email", priority }), Ct)).ReadJsonAsync();
        return created.GetProperty("ticket").GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> SlaOfAsync(HttpClient client, long ticket) =>
        (await (await client.GetAsync($"/api/v1/tickets/{ticket}", Ct)).ReadJsonAsync()).GetProperty("sla");

    [Fact]
    public async Task The_store_starts_with_the_default_policy_that_matches_every_ticket_and_anyone_may_read_it()
    {
        var viewer = await app.ClientWithRoleAsync(Roles.Viewer);
        var list = await (await viewer.GetAsync("/api/v1/sla-policies", Ct)).ReadJsonAsync();
        var first = list.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Default");
        Assert.Equal(60, first.GetProperty("targets").GetProperty("urgent").GetProperty("firstResponse").GetInt32());
        Assert.Equal(5400, first.GetProperty("targets").GetProperty("low").GetProperty("resolution").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientWithRoleAsync(Roles.Agent)).PostAsync("/api/v1/sla-policies", Json(Policy("Agent's")), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_policy_for_a_segment_applies_to_its_tickets_in_the_ticket_and_in_the_views_and_others_keep_the_default()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var name = Unique("Enterprise");
        var created = await admin.PostAsync("/api/v1/sla-policies", Json(Policy(name, new { segments = new[] { "enterprise" }, priorities = new[] { "urgent" } })), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetInt64();
        // Created after the default, so it comes last; the default would win. Put it first.
        var all = (await (await admin.GetAsync("/api/v1/sla-policies", Ct)).ReadJsonAsync()).EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();
        var order = all.Where(x => x != id).Prepend(id).ToList();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/v1/sla-policies/order", Json(new { ids = order }), Ct)).StatusCode);

        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        var enterprise = await TicketAsync(agent, "enterprise", "urgent");
        var consumer = await TicketAsync(agent, "consumer", "urgent");
        var sla = await SlaOfAsync(agent, enterprise);
        Assert.Equal(name, sla.GetProperty("policy").GetString());
        Assert.Equal("first_response", sla.GetProperty("target").GetString());
        var other = await SlaOfAsync(agent, consumer);
        Assert.Equal("Default", other.GetProperty("policy").GetString());
        // 15 minutes against 60: the enterprise ticket is due first (both were opened within the same second or two).
        Assert.True(sla.GetProperty("due").GetDateTime() < other.GetProperty("due").GetDateTime());

        var row = (await (await agent.GetAsync("/api/v1/ticket-views/all/tickets?limit=50", Ct)).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Single(r => r.GetProperty("ticket").GetProperty("id").GetInt64() == enterprise);
        Assert.Equal(name, row.GetProperty("sla").GetProperty("policy").GetString());

        // Follows edits: moving the default first gives the ticket the default again.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/v1/sla-policies/order", Json(new { ids = order.Skip(1).Append(id) }), Ct)).StatusCode);
        Assert.Equal("Default", (await SlaOfAsync(agent, enterprise)).GetProperty("policy").GetString());
    }

    [Fact]
    public async Task Bad_policies_are_refused_with_problems_naming_each_field_and_nothing_is_stored()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var before = await app.QueryAsync(db => db.SlaPolicies().CountAsync(Ct));
        var problem = await (await admin.PostAsync("/api/v1/sla-policies", Json(new
        {
            name = "",
            position = 0,
            conditions = new { segments = new[] { "martians" }, teamIds = new[] { 987654 } },
            targets = new Dictionary<string, object> { ["urgent"] = new { firstResponse = -5, resolution = 0 }, ["asap"] = new { resolution = 10 } },
            calendar = new { timeZone = "Nowhere/Land", businessHours = "mon-fri 9-5" },
            warning = new { percent = 150 },
        }), Ct)).ProblemAsync(400);
        Assert.Contains("is required", problem.ErrorsFor("name"));
        Assert.Contains("must be 1 or more", problem.ErrorsFor("position"));
        Assert.Contains(problem.ErrorsFor("conditions.segments"), m => m.Contains("'martians'"));
        Assert.Contains("no team has id 987654", problem.ErrorsFor("conditions.teamIds"));
        Assert.Contains(problem.ErrorsFor("targets.urgent.firstResponse"), m => m.Contains("more than 0 minutes"));
        Assert.Contains(problem.ErrorsFor("targets.urgent.resolution"), m => m.Contains("more than 0 minutes"));
        Assert.Contains(problem.ErrorsFor("targets.asap"), m => m.Contains("not a priority"));
        Assert.Contains(problem.ErrorsFor("calendar.timeZone"), m => m.Contains("IANA"));
        Assert.NotEmpty(problem.ErrorsFor("calendar.businessHours"));
        Assert.NotEmpty(problem.ErrorsFor("warning.percent"));

        var unknownField = await admin.PostAsync("/api/v1/sla-policies", Json("{\"name\":\"x\",\"targetz\":{}}"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Equal(before, await app.QueryAsync(db => db.SlaPolicies().CountAsync(Ct)));
    }

    [Fact]
    public async Task Names_are_unique_the_order_must_list_every_policy_and_the_last_policy_cannot_be_deleted()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var name = Unique("Silver");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/sla-policies", Json(Policy(name)), Ct)).StatusCode);
        var dup = await (await admin.PostAsync("/api/v1/sla-policies", Json(Policy(name.ToUpperInvariant())), Ct)).ProblemAsync(400);
        Assert.Contains("another policy has this name", dup.ErrorsFor("name"));

        var ids = (await (await admin.GetAsync("/api/v1/sla-policies", Ct)).ReadJsonAsync()).EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();
        var partial = await (await admin.PutAsync("/api/v1/sla-policies/order", Json(new { ids = ids.Skip(1) }), Ct)).ProblemAsync(400);
        Assert.Contains(partial.ErrorsFor("ids"), m => m.StartsWith("must list every policy once", StringComparison.Ordinal));
        var twice = await (await admin.PutAsync("/api/v1/sla-policies/order", Json(new { ids = ids.Append(ids[0]) }), Ct)).ProblemAsync(400);
        Assert.Contains("lists a policy more than once", twice.ErrorsFor("ids"));

        // Delete all but the default, then the default, now the last one, is refused.
        var all = (await (await admin.GetAsync("/api/v1/sla-policies", Ct)).ReadJsonAsync()).EnumerateArray().ToList();
        var keep = all.Single(p => p.GetProperty("name").GetString() == "Default").GetProperty("id").GetInt64();
        foreach (var id in ids.Where(i => i != keep))
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/sla-policies/{id}", Ct)).StatusCode);
        var last = await (await admin.DeleteAsync($"/api/v1/sla-policies/{keep}", Ct)).ProblemAsync(400);
        Assert.Contains(last.ErrorsFor("id"), m => m.Contains("the last policy cannot be deleted"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/v1/sla-policies/987654", Ct)).StatusCode);
    }
}

// Each class gets its own store: one test deletes policies, which the others must not see half-way.
public sealed class SlaPoliciesOnSqlite(SqliteApp app) : SlaPoliciesApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class SlaPoliciesOnPostgres(PostgresApp app) : SlaPoliciesApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
