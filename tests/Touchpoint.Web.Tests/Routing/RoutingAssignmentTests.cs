using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Routing;

/// <summary>Assignment by round robin and skills with capacity and availability, and automatic macro replies; on both stores.</summary>
public abstract class RoutingAssignmentTests<TApp>(TApp app) where TApp : RoutingApp
{
    private readonly RoutingKit _kit = new(app);

    private static object ContentRule(string name, string token, params object[] actions) => new
    {
        name, trigger = "created", conditions = new[] { new { field = "content", op = "contains_any", values = new[] { token } } }, actions,
    };

    [Fact]
    public async Task Round_robin_passes_over_full_away_and_offline_agents_and_an_agent_coming_back_gets_the_next_ticket()
    {
        var token = RoutingKit.Token();
        var admin = await _kit.AdminAsync();
        var email = $"back.{Guid.NewGuid():N}"[..13] + "@agents.test";
        const string password = "a-long-enough-password";
        var created = await (await admin.PostAsync("/api/v1/users", Json(new { email, displayName = "Bea Back", role = "agent", password }), Ct)).ReadJsonAsync();
        var bea = created.GetProperty("id").GetInt64();
        var cam = await _kit.AgentAsync("Cam Capacity");
        var olo = await _kit.AgentAsync("Olo Offline");
        var team = await _kit.TeamAsync("Tier 1", bea, cam, olo);
        await _kit.SetRoutingAsync(cam, new { maxOpenTickets = 1 });
        await _kit.SetRoutingAsync(olo, new { availability = "offline" });
        var bySelf = await app.SignedInClientAsync(email, password);
        var away = await bySelf.PutAsync("/api/v1/users/me/availability", Json(new { availability = "away" }), Ct);
        Assert.Equal("away", (await away.ReadJsonAsync()).GetProperty("availability").GetString());
        await _kit.RuleAsync(ContentRule("Tier 1 " + token, token, new { type = "assign_round_robin", value = team.ToString() }));

        var first = (await _kit.ApiTicketAsync("One", token)).GetProperty("id").GetInt64();
        Assert.Equal(cam, (await _kit.TicketAsync(first)).Assignee);

        // Cam is full (1 of 1), Bea away, Olo offline: the ticket waits unassigned, and the audit says why.
        var second = (await _kit.ApiTicketAsync("Two", token)).GetProperty("id").GetInt64();
        Assert.Null((await _kit.TicketAsync(second)).Assignee);
        Assert.Contains($"nobody in team {team} is available with room", Assert.Single(await _kit.RuleAuditAsync(second)));

        Assert.True((await bySelf.PutAsync("/api/v1/users/me/availability", Json(new { availability = "available" }), Ct)).IsSuccessStatusCode);
        var third = (await _kit.ApiTicketAsync("Three", token)).GetProperty("id").GetInt64();
        Assert.Equal(bea, (await _kit.TicketAsync(third)).Assignee);

        var bad = await (await bySelf.PutAsync("/api/v1/users/me/availability", Json(new { availability = "on-the-beach" }), Ct)).ProblemAsync(400);
        Assert.Single(bad.ErrorsFor("availability"));
        var apiKey = await (await (await _kit.AdminAsync()).PutAsync("/api/v1/users/me/availability", Json(new { availability = "away" }), Ct)).ProblemAsync(400);
        Assert.Contains("acts for nobody", apiKey.ErrorsFor("availability")[0]);
    }

    [Fact]
    public async Task Tickets_arriving_at_the_same_instant_take_turns_and_nobody_gets_two_in_a_row()
    {
        var token = RoutingKit.Token();
        var agents = new[] { await _kit.AgentAsync("Ada Same"), await _kit.AgentAsync("Bo Same"), await _kit.AgentAsync("Cy Same") };
        var team = await _kit.TeamAsync("Burst", agents);
        await _kit.RuleAsync(ContentRule("Burst " + token, token, new { type = "assign_round_robin", value = team.ToString() }));
        var customer = await _kit.CustomerAsync("Burst customer");

        // Twelve tickets at once: each read of the turn must see the one before it, so the load is 4, 4, 4.
        var tickets = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => _kit.ApiTicketAsync("Burst " + i, token, customer)));
        var assignees = new List<long?>();
        foreach (var t in tickets) assignees.Add((await _kit.TicketAsync(t.GetProperty("id").GetInt64())).Assignee);
        Assert.All(agents, a => Assert.Equal(4, assignees.Count(x => x == a)));
    }

    [Fact]
    public async Task The_round_robin_turn_survives_a_restart()
    {
        var token = RoutingKit.Token();
        var ana = await _kit.AgentAsync("Ana Turn");
        var ben = await _kit.AgentAsync("Ben Turn");
        var cid = await _kit.AgentAsync("Cid Turn");
        var team = await _kit.TeamAsync("Turns", ana, ben, cid);
        await _kit.RuleAsync(ContentRule("Turns " + token, token, new { type = "assign_round_robin", value = team.ToString() }));
        var first = (await _kit.ApiTicketAsync("One", token)).GetProperty("id").GetInt64();
        Assert.Equal(ana, (await _kit.TicketAsync(first)).Assignee);

        await using var restarted = new SecondProcess(app);
        await restarted.InitializeAsync();
        var second = (await new RoutingKit(restarted).ApiTicketAsync("Two", token)).GetProperty("id").GetInt64();
        var third = (await new RoutingKit(restarted).ApiTicketAsync("Three", token)).GetProperty("id").GetInt64();
        Assert.Equal(ben, (await _kit.TicketAsync(second)).Assignee);
        Assert.Equal(cid, (await _kit.TicketAsync(third)).Assignee);
    }

    [Fact]
    public async Task Skills_give_the_ticket_to_the_agent_who_matches_its_tags()
    {
        var token = RoutingKit.Token();
        var pt = await _kit.AgentAsync("Paula Portuguese");
        var billing = await _kit.AgentAsync("Bill Billing");
        var team = await _kit.TeamAsync("Languages", pt, billing);
        await _kit.SetRoutingAsync(pt, new { skills = new[] { "lang:pt", "Returns" } });
        await _kit.SetRoutingAsync(billing, new { skills = new[] { "billing" } });
        var profile = await (await (await _kit.AdminAsync()).GetAsync($"/api/v1/users/{pt}/routing", Ct)).ReadJsonAsync();
        Assert.Equal(["lang:pt", "returns"], profile.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));
        await _kit.RuleAsync(ContentRule("Portuguese " + token, token, new { type = "add_tags", values = new[] { "lang:pt" } }, new { type = "set_team", value = team.ToString() }));
        await _kit.RuleAsync(new
        {
            name = "Skills " + token, trigger = "created",
            conditions = new object[] { new { field = "tag", op = "has_any", values = new[] { "lang:pt" } }, new { field = "content", op = "contains_any", values = new[] { token } } },
            actions = new[] { new { type = "assign_by_skills" } },
        });
        var id = (await _kit.ApiTicketAsync("Olá", $"A minha encomenda {token}")).GetProperty("id").GetInt64();
        Assert.Equal(pt, (await _kit.TicketAsync(id)).Assignee);
    }

    [Fact]
    public async Task A_macro_reply_from_a_rule_reaches_the_customer_but_is_no_first_response()
    {
        var token = RoutingKit.Token();
        var admin = await _kit.AdminAsync();
        var macro = await (await admin.PostAsync("/api/v1/macros", Json(new { name = "Got it " + token, body = "Hello {{customer.first_name}}, we got {{ticket.id}}." }), Ct)).ReadJsonAsync();
        await _kit.RuleAsync(ContentRule("Acknowledge " + token, token, new { type = "reply_with_macro", value = macro.GetProperty("id").GetInt64().ToString() }));
        var customer = await _kit.CustomerAsync("Nora Wait");
        var id = (await _kit.ApiTicketAsync("Help", $"Where is it {token}", customer)).GetProperty("id").GetInt64();

        var messages = await app.QueryAsync(db => db.TicketMessages.AsNoTracking().Where(m => m.TicketId == id).OrderBy(m => m.Id).ToListAsync(Ct));
        Assert.Equal(2, messages.Count);
        var reply = messages[1];
        Assert.Equal($"Hello Nora, we got #{id}.", reply.Body);
        Assert.Equal((AuthorKind.System, true, false), (reply.Author, reply.IsAutomatic, reply.IsInternal));
        Assert.False(TicketHistory.IsResponse(reply)); // the metrics' own definition
        Assert.Equal("new", (await _kit.TicketAsync(id)).Status); // nobody has looked yet
        var customerEvents = await app.QueryAsync(db => db.Events.CountAsync(e => e.CustomerId == customer, Ct));
        Assert.Equal(3, customerEvents); // created, the customer's message and the reply they received
    }
}

public sealed class RoutingAssignmentOnSqlite(SqliteRoutingApp app) : RoutingAssignmentTests<SqliteRoutingApp>(app), IClassFixture<SqliteRoutingApp>;

public sealed class RoutingAssignmentOnPostgres(PostgresRoutingApp app) : RoutingAssignmentTests<PostgresRoutingApp>(app), IClassFixture<PostgresRoutingApp>;
