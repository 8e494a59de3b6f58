using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Service;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

public abstract class TicketWorkflowApiTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private async Task<(HttpClient Client, long TicketId)> NewTicketAsync()
    {
        var client = await app.ClientWithRoleAsync(Roles.Agent);
        var customer = await (await client.PostAsync("/api/v1/customers", Json(new { name = "Workflow " + Guid.NewGuid().ToString("N")[..6] }), Ct)).ReadJsonAsync();
        var ticket = await (await client.PostAsync("/api/v1/tickets", Json(new
        {
            customerId = customer.GetProperty("id").GetInt64(), subject = "Lamp arrived broken", message = "The base is cracked.", channel = "email",
        }), Ct)).ReadJsonAsync();
        return (client, ticket.GetProperty("ticket").GetProperty("id").GetInt64());
    }

    private static async Task<string> StatusAsync(HttpClient client, long id) =>
        (await (await client.GetAsync($"/api/v1/tickets/{id}", Ct)).ReadJsonAsync()).GetProperty("ticket").GetProperty("status").GetString()!;

    [Fact]
    public async Task A_ticket_moves_through_the_workflow_and_keeps_its_history()
    {
        var (client, id) = await NewTicketAsync();
        Assert.Equal("new", await StatusAsync(client, id));
        await client.PostAsync($"/api/v1/tickets/{id}/messages", Json(new { body = "Sorry! A new lamp is on its way." }), Ct);
        Assert.Equal("open", await StatusAsync(client, id));
        foreach (var to in new[] { "pending", "solved", "closed" })
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.PostAsync($"/api/v1/tickets/{id}/status", Json(new { status = to }), Ct)).StatusCode);

        var detail = await (await client.GetAsync($"/api/v1/tickets/{id}", Ct)).ReadJsonAsync();
        var history = detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString() ?? "").ToArray();
        Assert.Equal(["new", "open", "pending", "solved", "closed"], history);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, detail.GetProperty("ticket").GetProperty("solvedAt").ValueKind);
    }

    [Fact]
    public async Task A_move_the_workflow_does_not_allow_is_refused_naming_the_status_and_changes_nothing()
    {
        var (client, id) = await NewTicketAsync();
        await client.PostAsync($"/api/v1/tickets/{id}/status", Json(new { status = "solved" }), Ct);
        await client.PostAsync($"/api/v1/tickets/{id}/status", Json(new { status = "closed" }), Ct);

        var refused = await (await client.PostAsync($"/api/v1/tickets/{id}/status", Json(new { status = "open" }), Ct)).ProblemAsync(400);
        Assert.Contains("closed ticket cannot become open", Assert.Single(refused.ErrorsFor("status")));
        var unknown = await (await client.PostAsync($"/api/v1/tickets/{id}/status", Json(new { status = "archived" }), Ct)).ProblemAsync(400);
        Assert.Single(unknown.ErrorsFor("status"));
        Assert.Equal("closed", await StatusAsync(client, id));
    }

    [Fact]
    public async Task A_customer_reply_reopens_a_solved_ticket_and_a_reply_to_a_closed_one_opens_a_follow_up()
    {
        var (client, id) = await NewTicketAsync();
        await client.PostAsync($"/api/v1/tickets/{id}/status", Json(new { status = "solved" }), Ct);
        var factory = app.Services.GetRequiredService<TouchpointDbFactory>();
        await using (var db = factory.Create())
        {
            var ticket = await db.Tickets.SingleAsync(t => t.Id == id, Ct);
            var r = await TicketThread.AppendAsync(db, ticket, new IncomingMessage(AuthorKind.Customer, "Still broken.", "email", DateTime.UtcNow, ExternalId: $"<{id}-a@example.com>"), "test", Ct);
            Assert.Equal(id, r.Ticket.Id);
            Assert.Equal(TicketStatus.Open, r.Ticket.Status);
            // The same email delivered twice is stored once.
            var again = await TicketThread.AppendAsync(db, ticket, new IncomingMessage(AuthorKind.Customer, "Still broken.", "email", DateTime.UtcNow, ExternalId: $"<{id}-a@example.com>"), "test", Ct);
            Assert.True(again.Duplicate);
            Assert.Equal(r.Message.Id, again.Message.Id);
        }
        await client.PostAsync($"/api/v1/tickets/{id}/status", Json(new { status = "solved" }), Ct);
        await client.PostAsync($"/api/v1/tickets/{id}/status", Json(new { status = "closed" }), Ct);
        await using (var db = factory.Create())
        {
            var ticket = await db.Tickets.SingleAsync(t => t.Id == id, Ct);
            var r = await TicketThread.AppendAsync(db, ticket, new IncomingMessage(AuthorKind.Customer, "It broke again.", "email", DateTime.UtcNow), "test", Ct);
            Assert.NotEqual(id, r.Ticket.Id);
            Assert.StartsWith($"Follow-up to #{id}", r.Ticket.Subject);
            Assert.Equal(TicketStatus.Closed, (await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == id, Ct)).Status);
            var reopenedOnTimeline = await db.Events.CountAsync(e => e.Type == TouchpointTypes.TicketMessage && e.CustomerId == ticket.CustomerId, Ct);
            Assert.Equal(3, reopenedOnTimeline);
        }
    }
}

public sealed class TicketWorkflowOnSqlite(SqliteApp app) : TicketWorkflowApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TicketWorkflowOnPostgres(PostgresApp app) : TicketWorkflowApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
