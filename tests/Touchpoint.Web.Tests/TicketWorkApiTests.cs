using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Access;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Service;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

/// <summary>Ticket work through the API: properties, custom fields, audit, merge, split, macros, bulk; on both stores.</summary>
public abstract class TicketWorkApiTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private async Task<HttpClient> AgentAsync() => await app.ClientWithRoleAsync(Roles.Agent);

    private static async Task<long> CustomerAsync(HttpClient client, string name) =>
        (await (await client.PostAsync("/api/v1/customers", Json(new { name }), Ct)).ReadJsonAsync()).GetProperty("id").GetInt64();

    private static async Task<long> TicketAsync(HttpClient client, long customerId, string subject, string message = "Please help.")
    {
        var created = await (await client.PostAsync("/api/v1/tickets", Json(new { customerId, subject, message, channel = "email" }), Ct)).ReadJsonAsync();
        return created.GetProperty("ticket").GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> DetailAsync(HttpClient client, long id) => await (await client.GetAsync($"/api/v1/tickets/{id}", Ct)).ReadJsonAsync();

    private Task<long> UserAsync(string name, string role) => app.QueryAsync(async db =>
    {
        var email = $"{Guid.NewGuid():N}@agents.test";
        var user = new AppUser { UserName = email, Email = email, DisplayName = name, Role = role, CreatedAtUtc = DateTime.UtcNow };
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return user.Id;
    });

    private Task<long> TeamAsync(string name) => app.QueryAsync(async db =>
    {
        var team = new Team { Name = name + " " + Guid.NewGuid().ToString("N")[..6], CreatedAtUtc = DateTime.UtcNow };
        db.Teams.Add(team);
        await db.SaveChangesAsync(Ct);
        return team.Id;
    });

    [Fact]
    public async Task Priority_assignee_team_tags_and_custom_fields_change_together_and_each_change_is_in_the_audit_trail()
    {
        var client = await AgentAsync();
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var key = "order_" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/ticket-fields", Json(new { key, label = "Order number", type = "number" }), Ct)).StatusCode);
        var ana = await UserAsync("Ana Souza", Roles.Agent);
        var team = await TeamAsync("Delivery");
        var id = await TicketAsync(client, await CustomerAsync(client, "Rita Field"), "Where is my sofa?");

        var response = await client.PatchAsync($"/api/v1/tickets/{id}", Json(new
        {
            priority = "high", assigneeId = ana, teamId = team, addTags = new[] { "Delivery ", "VIP" }, fields = new Dictionary<string, string> { [key] = "4711" },
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var d = await DetailAsync(client, id);
        var t = d.GetProperty("ticket");
        Assert.Equal("high", t.GetProperty("priority").GetString());
        Assert.Equal(ana, t.GetProperty("assigneeId").GetInt64());
        Assert.Equal(team, t.GetProperty("teamId").GetInt64());
        Assert.Equal(["delivery", "vip"], d.GetProperty("tags").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("4711", d.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("key").GetString() == key).GetProperty("value").GetString());

        var audit = d.GetProperty("audit").EnumerateArray().Select(a => (a.GetProperty("property").GetString(), a.GetProperty("old").GetString(), a.GetProperty("new").GetString())).ToList();
        Assert.Contains(("priority", "normal", "high"), audit);
        Assert.Contains(("assignee", null, ana.ToString(System.Globalization.CultureInfo.InvariantCulture)), audit);
        Assert.Contains(("tags", "[]", "[\"delivery\",\"vip\"]"), audit);
        Assert.Contains(("field:" + key, null, "4711"), audit);

        // Unassign, replace tags: only what was named changes.
        await client.PatchAsync($"/api/v1/tickets/{id}", Json(new { assigneeId = (long?)null, tags = new[] { "damaged" } }), Ct);
        d = await DetailAsync(client, id);
        Assert.Equal(JsonValueKind.Null, d.GetProperty("ticket").GetProperty("assigneeId").ValueKind);
        Assert.Equal(team, d.GetProperty("ticket").GetProperty("teamId").GetInt64());
        Assert.Equal(["damaged"], d.GetProperty("tags").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public async Task Unknown_assignee_team_field_and_bad_values_are_refused_naming_each_field_and_nothing_changes()
    {
        var client = await AgentAsync();
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var key = "purchased_" + Guid.NewGuid().ToString("N")[..6];
        await admin.PostAsync("/api/v1/ticket-fields", Json(new { key, label = "Purchased on", type = "date" }), Ct);
        var analyst = await UserAsync("Ivo Analyst", Roles.Analyst);
        var id = await TicketAsync(client, await CustomerAsync(client, "Nuno Refused"), "Refund please");
        var before = await DetailAsync(client, id);

        var problem = await (await client.PatchAsync($"/api/v1/tickets/{id}", Json(new
        {
            priority = "high", assigneeId = 987654321, teamId = 987654321, addTags = new[] { "no way!" },
            fields = new Dictionary<string, string> { [key] = "31/12/2026", ["nonexistent"] = "x" },
        }), Ct)).ProblemAsync(400);
        Assert.Contains("no user has id 987654321", problem.ErrorsFor("assigneeId")[0]);
        Assert.Contains("no team has id 987654321", problem.ErrorsFor("teamId")[0]);
        Assert.Contains("may only contain", problem.ErrorsFor("tags")[0]);
        Assert.Contains("is not a date", problem.ErrorsFor($"fields.{key}")[0]);
        Assert.Single(problem.ErrorsFor("fields.nonexistent"));
        var notAnAgent = await (await client.PatchAsync($"/api/v1/tickets/{id}", Json(new { assigneeId = analyst }), Ct)).ProblemAsync(400);
        Assert.Contains("only agents and admins", notAnAgent.ErrorsFor("assigneeId")[0]);

        var after = await DetailAsync(client, id);
        Assert.Equal("normal", after.GetProperty("ticket").GetProperty("priority").GetString());
        Assert.Equal(before.GetProperty("ticket").GetProperty("updatedAt").GetDateTime(), after.GetProperty("ticket").GetProperty("updatedAt").GetDateTime());
        Assert.Equal(0, after.GetProperty("audit").GetArrayLength());
    }

    [Fact]
    public async Task A_merged_ticket_is_closed_its_messages_show_in_the_target_and_the_metrics_count_the_target_only()
    {
        var client = await AgentAsync();
        var customer = await CustomerAsync(client, "Marta Merge");
        var target = await TicketAsync(client, customer, "Sofa not delivered", "Order 4711 has not arrived.");
        var source = await TicketAsync(client, customer, "Again: sofa", "Still waiting for order 4711!");
        await client.PatchAsync($"/api/v1/tickets/{source}", Json(new { addTags = new[] { "escalated" } }), Ct);
        var createdBefore = await CreatedTodayAsync(client);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/tickets/{source}/merge", Json(new { targetId = target }), Ct)).StatusCode);

        var s = await DetailAsync(client, source);
        Assert.Equal("closed", s.GetProperty("ticket").GetProperty("status").GetString());
        Assert.Equal(target, s.GetProperty("ticket").GetProperty("mergedIntoId").GetInt64());
        var tgt = await DetailAsync(client, target);
        Assert.Equal(["Order 4711 has not arrived.", "Still waiting for order 4711!"], tgt.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()));
        Assert.Equal([source], tgt.GetProperty("mergedFrom").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Contains("escalated", tgt.GetProperty("tags").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(createdBefore - 1, await CreatedTodayAsync(client));
        // The list leaves merged tickets out; merging again or into a merged ticket is refused.
        var list = await (await client.GetAsync($"/api/v1/tickets?customerId={customer}", Ct)).ReadJsonAsync();
        Assert.Equal([target], list.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetInt64()));
        var again = await (await client.PostAsync($"/api/v1/tickets/{source}/merge", Json(new { targetId = target }), Ct)).ProblemAsync(400);
        Assert.Contains("already merged", again.ErrorsFor("targetId")[0]);
        var self = await (await client.PostAsync($"/api/v1/tickets/{target}/merge", Json(new { targetId = target }), Ct)).ProblemAsync(400);
        Assert.Contains("into itself", self.ErrorsFor("targetId")[0]);
    }

    private static async Task<int> CreatedTodayAsync(HttpClient client)
    {
        var day = DateTime.UtcNow.Date;
        var m = await (await client.GetAsync($"/api/v1/service/metrics?from={day:yyyy-MM-dd}T00:00:00Z&to={day.AddDays(1):yyyy-MM-dd}T00:00:00Z", Ct)).ReadJsonAsync();
        return m.GetProperty("current").GetProperty("total").GetProperty("ticketsCreated").GetInt32();
    }

    [Fact]
    public async Task Split_moves_the_chosen_messages_to_a_new_ticket_of_the_same_customer_and_keeps_one_behind()
    {
        var client = await AgentAsync();
        var customer = await CustomerAsync(client, "Sara Split");
        var id = await TicketAsync(client, customer, "Two problems", "The lamp is broken.");
        await client.PostAsync($"/api/v1/tickets/{id}/messages", Json(new { body = "Sorry about the lamp!" }), Ct);
        var messages = (await DetailAsync(client, id)).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ToList();
        var all = await (await client.PostAsync($"/api/v1/tickets/{id}/split", Json(new { messageIds = messages }), Ct)).ProblemAsync(400);
        Assert.Contains("at least one message must stay", all.ErrorsFor("messageIds")[0]);

        var response = await client.PostAsync($"/api/v1/tickets/{id}/split", Json(new { messageIds = new[] { messages[1] }, subject = "Lamp apology" }), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        Assert.Equal("Lamp apology", created.GetProperty("ticket").GetProperty("subject").GetString());
        Assert.Equal(customer, created.GetProperty("ticket").GetProperty("customerId").GetInt64());
        Assert.Equal(["Sorry about the lamp!"], created.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()));
        Assert.Equal("open", created.GetProperty("ticket").GetProperty("status").GetString()); // a person had answered among the moved messages
        Assert.Equal(["The lamp is broken."], (await DetailAsync(client, id)).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()));
        var foreign = await (await client.PostAsync($"/api/v1/tickets/{id}/split", Json(new { messageIds = new[] { messages[1] } }), Ct)).ProblemAsync(400);
        Assert.Contains($"not messages of #{id}", foreign.ErrorsFor("messageIds")[0]);
    }

    [Fact]
    public async Task A_macro_renders_its_placeholders_replies_and_applies_its_actions_and_a_bad_macro_is_refused_on_save()
    {
        var client = await AgentAsync();
        var bad = await (await client.PostAsync("/api/v1/macros", Json(new { name = "Typo", body = "Dear {{custmer.name}}" }), Ct)).ProblemAsync(400);
        Assert.Contains("{{custmer.name}}", bad.ErrorsFor("body")[0]);
        var noTeam = await (await client.PostAsync("/api/v1/macros", Json(new { name = "No team", body = "Hi", teamId = 987654321 }), Ct)).ProblemAsync(400);
        Assert.Single(noTeam.ErrorsFor("teamId"));

        var name = "Refund sent " + Guid.NewGuid().ToString("N")[..6];
        var macro = await (await client.PostAsync("/api/v1/macros", Json(new
        {
            name, body = "Hello {{customer.first_name}}, the refund for {{ticket.id}} is on its way. {{agent.name}}", status = "solved", priority = "low", addTags = new[] { "refund" },
        }), Ct)).ReadJsonAsync();
        var id = await TicketAsync(client, await CustomerAsync(client, "Joana Macro Silva"), "Refund?");

        var applied = await client.PostAsync($"/api/v1/tickets/{id}/macros/{macro.GetProperty("id").GetInt64()}", Json(new { }), Ct);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var d = await applied.ReadJsonAsync();
        var reply = d.GetProperty("messages").EnumerateArray().Last();
        Assert.Equal($"Hello Joana, the refund for #{id} is on its way. API key test", reply.GetProperty("body").GetString());
        Assert.False(reply.GetProperty("isInternal").GetBoolean());
        Assert.Equal("solved", d.GetProperty("ticket").GetProperty("status").GetString());
        Assert.Equal("low", d.GetProperty("ticket").GetProperty("priority").GetString());
        Assert.Equal(["refund"], d.GetProperty("tags").EnumerateArray().Select(x => x.GetString()));
        // The reply opened the new ticket first, then the macro solved it: both moves are in the history.
        Assert.Equal(["new", "open", "solved"], d.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()));
        Assert.Contains(d.GetProperty("audit").EnumerateArray(), a => a.GetProperty("property").GetString() == "macro" && a.GetProperty("new").GetString() == name);

        // Applying it again: solved -> solved is no move, the reply still goes out; on a closed ticket nothing is written.
        await client.PostAsync($"/api/v1/tickets/{id}/status", Json(new { status = "closed" }), Ct);
        var closed = await (await client.PostAsync($"/api/v1/tickets/{id}/macros/{macro.GetProperty("id").GetInt64()}", Json(new { }), Ct)).ProblemAsync(400);
        Assert.Contains("closed", closed.ErrorsFor("ticket")[0]);
        Assert.Equal(2, (await DetailAsync(client, id)).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task A_bulk_action_changes_each_ticket_through_the_same_rules_and_reports_the_ones_it_could_not_change()
    {
        var client = await AgentAsync();
        var customer = await CustomerAsync(client, "Bruno Bulk");
        var a = await TicketAsync(client, customer, "One");
        var b = await TicketAsync(client, customer, "Two");
        var c = await TicketAsync(client, customer, "Three");
        await client.PostAsync($"/api/v1/tickets/{c}/status", Json(new { status = "solved" }), Ct);
        await client.PostAsync($"/api/v1/tickets/{c}/status", Json(new { status = "closed" }), Ct);

        var result = await (await client.PostAsync("/api/v1/tickets/bulk", Json(new { ticketIds = new[] { a, b, c, 987654321L }, status = "pending", addTags = new[] { "waiting" } }), Ct)).ReadJsonAsync();
        Assert.Equal([a, b], result.GetProperty("changed").EnumerateArray().Select(x => x.GetInt64()));
        var failed = result.GetProperty("failed").EnumerateArray().ToList();
        Assert.Equal([c, 987654321L], failed.Select(f => f.GetProperty("ticketId").GetInt64()));
        Assert.Contains("closed ticket cannot become pending", failed[0].GetProperty("errors").GetProperty("status")[0].GetString());
        Assert.Equal("pending", (await DetailAsync(client, a)).GetProperty("ticket").GetProperty("status").GetString());
        Assert.Equal("closed", (await DetailAsync(client, c)).GetProperty("ticket").GetProperty("status").GetString());
        Assert.Empty((await DetailAsync(client, c)).GetProperty("tags").EnumerateArray());
        Assert.Contains((await DetailAsync(client, b)).GetProperty("audit").EnumerateArray(), x => x.GetProperty("source").GetString() == "bulk");
    }

    [Fact]
    public async Task Full_text_search_finds_tickets_by_subject_and_by_message_words_as_prefixes()
    {
        var client = await AgentAsync();
        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        var customer = await CustomerAsync(client, "Sofia Search");
        var bySubject = await TicketAsync(client, customer, $"Question about {word} warranty");
        var byMessage = await TicketAsync(client, customer, "Another question", $"My order {word}-77 is late.");
        await TicketAsync(client, customer, "Unrelated");

        async Task<long[]> Search(string q) => (await (await client.GetAsync($"/api/v1/tickets?q={Uri.EscapeDataString(q)}", Ct)).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetInt64()).Order().ToArray();
        Assert.Equal([bySubject, byMessage], await Search(word));
        Assert.Equal([bySubject], await Search(word[..6] + " warr"));
        Assert.Equal([byMessage], await Search($"{word} 77"));
        // A later note is found too (the index follows inserts).
        await client.PostAsync($"/api/v1/tickets/{bySubject}/messages", Json(new { body = $"internal {word}xnote", @internal = true }), Ct);
        Assert.Equal([bySubject], await Search(word + "xnote"));
    }

    [Fact]
    public async Task Views_list_mine_unassigned_by_tag_and_breaching_soon_with_sla_state()
    {
        var client = await AgentAsync();
        var customer = await CustomerAsync(client, "Vera Views");
        var tag = "t" + Guid.NewGuid().ToString("N")[..8];
        var tagged = await TicketAsync(client, customer, "Tagged one");
        await client.PatchAsync($"/api/v1/tickets/{tagged}", Json(new { addTags = new[] { tag } }), Ct);
        // An urgent ticket the customer opened ten days ago and nobody answered: its first response is long overdue.
        var overdue = await app.QueryAsync(async db =>
        {
            var at = DateTime.UtcNow.AddDays(-10);
            var r = await Data.Service.TicketThread.OpenAsync(db, customer, "Overdue", TicketPriority.Urgent, null,
                new Data.Service.IncomingMessage(AuthorKind.Customer, "Hello?", "email", at), "test", Ct);
            return r.Ticket.Id;
        });

        var views = await (await client.GetAsync("/api/v1/ticket-views", Ct)).ReadJsonAsync();
        Assert.Equal(["mine", "unassigned", "breaching", "open", "all"], views.EnumerateArray().Where(v => v.GetProperty("builtIn").GetBoolean()).Select(v => v.GetProperty("key").GetString()));
        var saved = await (await client.PostAsync("/api/v1/ticket-views", Json(new { name = "Tag " + tag, shared = true, filter = new { tag, open = true } }), Ct)).ReadJsonAsync();
        var byTag = await (await client.GetAsync($"/api/v1/ticket-views/{saved.GetProperty("key").GetString()}/tickets", Ct)).ReadJsonAsync();
        Assert.Equal([tagged], byTag.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("ticket").GetProperty("id").GetInt64()));

        var breaching = await (await client.GetAsync("/api/v1/ticket-views/breaching/tickets?limit=500", Ct)).ReadJsonAsync();
        var row = breaching.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("ticket").GetProperty("id").GetInt64() == overdue);
        Assert.Equal("breached", row.GetProperty("sla").GetProperty("phase").GetString());
        Assert.Equal("first_response", row.GetProperty("sla").GetProperty("target").GetString());
        Assert.DoesNotContain(breaching.GetProperty("items").EnumerateArray(), x => x.GetProperty("ticket").GetProperty("id").GetInt64() == tagged);

        var unassigned = await (await client.GetAsync($"/api/v1/ticket-views/unassigned/tickets?q=Overdue", Ct)).ReadJsonAsync();
        Assert.Contains(unassigned.GetProperty("items").EnumerateArray(), x => x.GetProperty("ticket").GetProperty("id").GetInt64() == overdue);
        var mine = await (await client.GetAsync("/api/v1/ticket-views/mine/tickets", Ct)).ProblemAsync(400);
        Assert.Single(mine.ErrorsFor("key"));
        var badView = await (await client.PostAsync("/api/v1/ticket-views", Json(new { name = "Bad", shared = true, filter = new { teamId = 987654321, statuses = new[] { "archived" } } }), Ct)).ProblemAsync(400);
        Assert.Single(badView.ErrorsFor("filter.teamId"));
        Assert.Single(badView.ErrorsFor("filter.statuses"));
    }

    [Fact]
    public async Task Breaching_soon_reads_every_batch_and_keeps_the_soonest_first()
    {
        var client = await AgentAsync();
        var customer = await CustomerAsync(client, "Bea Batches");
        // Ten urgent tickets nobody answered, opened a day apart 20 to 11 days ago: all breached, due in the order
        // they were opened. With batches of three they span four batches.
        var overdue = await app.QueryAsync(async db =>
        {
            var ids = new List<long>();
            for (var i = 0; i < 10; i++)
                ids.Add((await Data.Service.TicketThread.OpenAsync(db, customer, $"Unanswered {i}", TicketPriority.Urgent, null,
                    new Data.Service.IncomingMessage(AuthorKind.Customer, "Anyone?", "email", DateTime.UtcNow.AddDays(-20 + i)), "test", Ct)).Ticket.Id);
            return ids;
        });

        var previous = Touchpoint.Web.Features.Service.Views.TicketViewQuery.BreachBatch;
        Touchpoint.Web.Features.Service.Views.TicketViewQuery.BreachBatch = 3;
        try
        {
            async Task<List<long>> Listed(int limit) => (await (await client.GetAsync($"/api/v1/ticket-views/breaching/tickets?limit={limit}", Ct)).ReadJsonAsync())
                .GetProperty("items").EnumerateArray().Select(x => x.GetProperty("ticket").GetProperty("id").GetInt64()).Where(overdue.Contains).ToList();
            Assert.Equal(overdue, await Listed(500)); // every batch read, soonest due first
            var firstTwo = (await Listed(2));
            Assert.True(firstTwo.Count <= 2);
            Assert.Equal(overdue.Take(firstTwo.Count), firstTwo); // the early stop keeps the soonest, whatever else is in the store
        }
        finally { Touchpoint.Web.Features.Service.Views.TicketViewQuery.BreachBatch = previous; }
    }
}

public sealed class TicketWorkOnSqlite(SqliteApp app) : TicketWorkApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TicketWorkOnPostgres(PostgresApp app) : TicketWorkApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
