using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Service.Routing;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Routing;

/// <summary>The rules API: validation, order and stop, test-runs, solves and time triggers; on both stores.</summary>
public abstract class RoutingRulesApiTests<TApp>(TApp app) where TApp : RoutingApp
{
    private readonly RoutingKit _kit = new(app);

    [Fact]
    public async Task Bad_rules_are_refused_naming_the_field_and_index_and_nothing_is_stored()
    {
        var admin = await _kit.AdminAsync();
        var before = await app.QueryAsync(db => db.Set<Domain.Service.Routing.RoutingRule>().CountAsync(Ct));
        var problem = await (await admin.PostAsync("/api/v1/routing-rules", Json(new
        {
            name = "Broken", trigger = "created",
            conditions = new object[] { new { field = "team", op = "is", values = new[] { "987654" } }, new { field = "field:no_such_field", op = "is", values = new[] { "x" } } },
            actions = new object[]
            {
                new { type = "set_team", value = "987654" }, new { type = "assign_agent", value = "987654" }, new { type = "reply_with_macro", value = "987654" },
                new { type = "set_field", key = "no_such_field", value = "1" },
            },
        }), Ct)).ProblemAsync(400);
        Assert.Equal(["no team has id '987654'"], problem.ErrorsFor("conditions[0].values"));
        Assert.Contains("no_such_field", problem.ErrorsFor("conditions[1].values")[0]);
        Assert.Equal(["no team has id '987654'"], problem.ErrorsFor("actions[0].value"));
        Assert.Equal(["no active agent or admin has id '987654'"], problem.ErrorsFor("actions[1].value"));
        Assert.Equal(["no macro has id '987654'"], problem.ErrorsFor("actions[2].value"));
        Assert.Contains("no_such_field", problem.ErrorsFor("actions[3].key")[0]);

        var everyTicket = await (await admin.PostAsync("/api/v1/routing-rules", Json(new
        {
            name = "Untag all", trigger = "customer_replied", conditions = Array.Empty<object>(), actions = new[] { new { type = "remove_tags", values = new[] { "vip" } } },
        }), Ct)).ProblemAsync(400);
        Assert.Contains("add a condition", everyTicket.ErrorsFor("actions[0].type")[0]);
        var noDuration = await (await admin.PostAsync("/api/v1/routing-rules", Json(new { name = "Nudge", trigger = "pending_for", actions = new[] { new { type = "add_tags", values = new[] { "nudge" } } } }), Ct)).ProblemAsync(400);
        Assert.Single(noDuration.ErrorsFor("afterMinutes"));
        var typo = await admin.PostAsync("/api/v1/routing-rules", Json("""{"name":"Typo","trigger":"created","actoins":[]}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Equal(before, await app.QueryAsync(db => db.Set<Domain.Service.Routing.RoutingRule>().CountAsync(Ct)));

        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync("/api/v1/routing-rules", Json(new { name = "Mine" }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/v1/routing-rules", Ct)).StatusCode);
        var reorder = await (await admin.PostAsync("/api/v1/routing-rules/reorder", Json(new { ids = new[] { 987654L } }), Ct)).ProblemAsync(400);
        Assert.Contains("no rule has id 987654", reorder.ErrorsFor("ids")[0]);
    }

    [Fact]
    public async Task Rules_run_in_the_saved_order_stop_ends_the_run_and_a_reorder_changes_the_outcome()
    {
        var token = RoutingKit.Token();
        var admin = await _kit.AdminAsync();
        object Rule(string name, string tag, bool stop) => new
        {
            name = name + " " + token, trigger = "created",
            conditions = new[] { new { field = "content", op = "contains_any", values = new[] { token } } },
            actions = stop ? new object[] { new { type = "add_tags", values = new[] { tag } }, new { type = "stop" } } : [new { type = "add_tags", values = new[] { tag } }],
        };
        var first = await _kit.RuleAsync(Rule("First", "first", stop: true));
        var second = await _kit.RuleAsync(Rule("Second", "second", stop: false));
        var a = (await _kit.ApiTicketAsync("A", token)).GetProperty("id").GetInt64();
        Assert.Equal("[\"first\"]", (await _kit.TicketAsync(a)).Tags);

        var ids = (await (await admin.GetAsync("/api/v1/routing-rules", Ct)).ReadJsonAsync()).EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        ids.Remove(second);
        ids.Insert(0, second);
        var reordered = await (await admin.PostAsync("/api/v1/routing-rules/reorder", Json(new { ids }), Ct)).ReadJsonAsync();
        Assert.Equal(second, reordered[0].GetProperty("id").GetInt64());
        var b = (await _kit.ApiTicketAsync("B", token)).GetProperty("id").GetInt64();
        Assert.Equal("[\"first\",\"second\"]", (await _kit.TicketAsync(b)).Tags);
        Assert.Equal([$"rule:{second} Second {token}", $"rule:{first} First {token}"], await _kit.RuleAuditAsync(b));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/routing-rules/{first}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/routing-rules/{first}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_test_run_says_what_a_rule_would_do_without_changing_the_ticket_or_the_turn()
    {
        var token = RoutingKit.Token();
        var ida = await _kit.AgentAsync("Ida Preview");
        var team = await _kit.TeamAsync("Preview", ida);
        var ticket = (await _kit.ApiTicketAsync("Broken lamp", $"The lamp {token} flickers")).GetProperty("id").GetInt64();
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        var run = await (await agent.PostAsync("/api/v1/routing-rules/test", Json(new
        {
            ticketId = ticket,
            rule = new
            {
                name = "Lamps", trigger = "created", match = "all",
                conditions = new object[] { new { field = "content", op = "contains_any", values = new[] { "LAMP" } }, new { field = "channel", op = "is", values = new[] { "api" } } },
                actions = new object[] { new { type = "set_team", value = team.ToString() }, new { type = "assign_round_robin" }, new { type = "set_priority", value = "high" } },
            },
        }), Ct)).ReadJsonAsync();
        Assert.True(run.GetProperty("wouldMatch").GetBoolean());
        Assert.All(run.GetProperty("conditions").EnumerateArray(), c => Assert.True(c.GetProperty("holds").GetBoolean()));
        var wouldDo = run.GetProperty("wouldDo").EnumerateArray().Select(x => x.GetString()).ToList();
        Assert.StartsWith("set team to Preview", wouldDo[0]);
        Assert.Equal($"assign to Ida Preview (#{ida}) by round robin", wouldDo[1]);
        Assert.Equal("set priority to high", wouldDo[2]);
        var after = await _kit.TicketAsync(ticket);
        Assert.Equal((null, null, "normal"), (after.Team, after.Assignee, after.Priority));
        Assert.False(await app.QueryAsync(db => db.Set<RoutingCursor>().AnyAsync(c => c.Key == $"round_robin:{team}", Ct)));

        var missing = await (await agent.PostAsync("/api/v1/routing-rules/test", Json(new { ticketId = 987654321, rule = new { name = "x", trigger = "created", actions = new[] { new { type = "stop" } } } }), Ct)).ProblemAsync(400);
        Assert.Single(missing.ErrorsFor("ticketId"));
        var bad = await (await agent.PostAsync("/api/v1/routing-rules/test", Json(new { ticketId = ticket, rule = new { name = "x", trigger = "whenever", actions = new[] { new { type = "stop" } } } }), Ct)).ProblemAsync(400);
        Assert.Single(bad.ErrorsFor("rule.trigger"));
    }

    [Fact]
    public async Task Solves_and_time_triggers_fire_once_per_episode_even_across_a_restart()
    {
        var token = RoutingKit.Token();
        var admin = await _kit.AdminAsync();
        var onToken = new[] { new { field = "content", op = "contains_any", values = new[] { token } } };
        var nudge = await _kit.RuleAsync(new { name = "Nudge " + token, trigger = "pending_for", afterMinutes = 60, conditions = onToken, actions = new[] { new { type = "add_tags", values = new[] { "nudged" } } } });
        await _kit.RuleAsync(new { name = "Solved " + token, trigger = "solved", conditions = onToken, actions = new[] { new { type = "add_tags", values = new[] { "solved-seen" } } } });
        await _kit.RuleAsync(new { name = "Close " + token, trigger = "solved_for", afterMinutes = 120, conditions = onToken, actions = new[] { new { type = "set_status", value = "closed" } } });
        var id = (await _kit.ApiTicketAsync("Waiting", $"Need the form {token}")).GetProperty("id").GetInt64();
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        Assert.True((await agent.PostAsync($"/api/v1/tickets/{id}/status", Json(new { status = "pending" }), Ct)).IsSuccessStatusCode);

        var start = DateTimeOffset.UtcNow;
        var clock = new TestClock(start.AddMinutes(30));
        RoutingScheduler Scheduler() => new(app.Services.GetRequiredService<TouchpointDbFactory>(), clock);
        var scheduler = Scheduler();
        Assert.Equal(0, await scheduler.RunOnceAsync(Ct));
        clock.Now = start.AddMinutes(61);
        Assert.Equal(1, await scheduler.RunOnceAsync(Ct));
        Assert.Equal(0, await scheduler.RunOnceAsync(Ct));
        Assert.Equal(0, await Scheduler().RunOnceAsync(Ct)); // a new process: the firing is in the store
        Assert.Contains("nudged", (await _kit.TicketAsync(id)).Tags);
        Assert.Equal(1, await app.QueryAsync(db => db.Set<RuleFiring>().CountAsync(f => f.RuleId == nudge && f.TicketId == id, Ct)));

        Assert.True((await agent.PostAsync($"/api/v1/tickets/{id}/status", Json(new { status = "solved" }), Ct)).IsSuccessStatusCode);
        Assert.Equal(1, await Scheduler().RunOnceAsync(Ct)); // the solve, read from the state history
        Assert.Contains("solved-seen", (await _kit.TicketAsync(id)).Tags);
        Assert.Equal(0, await Scheduler().RunOnceAsync(Ct));
        clock.Now = DateTimeOffset.UtcNow.AddMinutes(121);
        Assert.Equal(1, await Scheduler().RunOnceAsync(Ct));
        Assert.Equal("closed", (await _kit.TicketAsync(id)).Status);
        var audit = await _kit.RuleAuditAsync(id);
        Assert.Equal(3, audit.Count);
        Assert.Contains(audit, a => a.EndsWith("Close " + token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ticket_left_unassigned_for_fifteen_minutes_is_given_to_the_team_in_turn()
    {
        var token = RoutingKit.Token();
        var eve = await _kit.AgentAsync("Eve Late");
        var team = await _kit.TeamAsync("Late shift", eve);
        await _kit.RuleAsync(new
        {
            name = "Nobody took it " + token, trigger = "unassigned_for", afterMinutes = 15,
            conditions = new[] { new { field = "content", op = "contains_any", values = new[] { token } } },
            actions = new object[] { new { type = "set_team", value = team.ToString() }, new { type = "assign_round_robin" } },
        });
        var id = (await _kit.ApiTicketAsync("Anyone?", "Hello " + token)).GetProperty("id").GetInt64();
        var start = DateTimeOffset.UtcNow;
        var clock = new TestClock(start.AddMinutes(10));
        var scheduler = new RoutingScheduler(app.Services.GetRequiredService<TouchpointDbFactory>(), clock);
        await scheduler.RunOnceAsync(Ct);
        Assert.Null((await _kit.TicketAsync(id)).Assignee);
        clock.Now = start.AddMinutes(16);
        await scheduler.RunOnceAsync(Ct);
        var t = await _kit.TicketAsync(id);
        Assert.Equal((team, eve), (t.Team, t.Assignee));
    }

    [Fact]
    public async Task Due_tickets_that_do_not_match_never_hide_the_ones_that_do()
    {
        var token = RoutingKit.Token();
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        var ids = new List<long>();
        foreach (var text in new[] { "unrelated one", "unrelated two", "matches " + token })
        {
            var id = (await _kit.ApiTicketAsync("Waiting", text)).GetProperty("id").GetInt64();
            Assert.True((await agent.PostAsync($"/api/v1/tickets/{id}/status", Json(new { status = "pending" }), Ct)).IsSuccessStatusCode);
            ids.Add(id);
        }
        await _kit.RuleAsync(new
        {
            name = "Remind " + token, trigger = "pending_for", afterMinutes = 60,
            conditions = new[] { new { field = "content", op = "contains_any", values = new[] { token } } },
            actions = new[] { new { type = "add_tags", values = new[] { "reminded" } } },
        });
        // One row per page: the two older, non-matching pending tickets come first in id order.
        var scheduler = new RoutingScheduler(app.Services.GetRequiredService<TouchpointDbFactory>(), new TestClock(DateTimeOffset.UtcNow.AddHours(2)), pageSize: 1);
        Assert.Equal(1, await scheduler.RunOnceAsync(Ct));
        Assert.Contains("reminded", (await _kit.TicketAsync(ids[2])).Tags);
        Assert.DoesNotContain("reminded", (await _kit.TicketAsync(ids[0])).Tags);
    }
}

public sealed class RoutingRulesApiOnSqlite(SqliteRoutingApp app) : RoutingRulesApiTests<SqliteRoutingApp>(app), IClassFixture<SqliteRoutingApp>;

public sealed class RoutingRulesApiOnPostgres(PostgresRoutingApp app) : RoutingRulesApiTests<PostgresRoutingApp>(app), IClassFixture<PostgresRoutingApp>;
