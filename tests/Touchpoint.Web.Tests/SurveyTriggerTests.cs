using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

public abstract class SurveyTriggerTests<TApp>(TApp app) where TApp : TouchpointApp
{
    [Fact]
    public async Task A_ticket_solved_trigger_invites_the_customer_once_for_that_ticket_even_when_run_twice()
    {
        var client = await app.ClientWithRoleAsync(Roles.Admin);
        var created = await client.PostAsync("/api/v1/surveys", Json(new
        {
            name = "CSAT after solve " + Guid.NewGuid().ToString("N")[..6],
            definition = new
            {
                languages = new[] { "en" },
                questions = new object[] { new { id = "csat", type = "csat", required = true, text = new Dictionary<string, string> { ["en"] = "How satisfied are you?" } } },
            },
        }), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var surveyId = (await created.ReadJsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/surveys/{surveyId}/publish", null, Ct)).StatusCode);
        var trigger = await client.PostAsync("/api/v1/voice/triggers", Json(new { surveyId, eventType = "ticket.solved", delayHours = 0, channel = "email" }), Ct);
        Assert.True(trigger.StatusCode == HttpStatusCode.Created, await trigger.Content.ReadAsStringAsync(Ct));

        var customer = (await (await client.PostAsync("/api/v1/customers", Json(new { name = "Solved Sam", email = $"sam.{Guid.NewGuid():N}@example.com" }), Ct)).ReadJsonAsync()).GetProperty("id").GetInt64();
        var ticket = (await (await client.PostAsync("/api/v1/tickets", Json(new { customerId = customer, subject = "Refund", message = "Where is my refund?", channel = "email" }), Ct)).ReadJsonAsync())
            .GetProperty("ticket").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/tickets/{ticket}/status", Json(new { status = "solved" }), Ct)).StatusCode);

        var triggers = app.Services.GetRequiredService<SurveyTriggers>();
        await triggers.RunOnceAsync(Ct);
        await triggers.RunOnceAsync(Ct);

        await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
        var invitation = await db.SurveyInvitations.SingleAsync(i => i.SurveyId == surveyId, Ct);
        Assert.Equal(ticket, invitation.TicketId);
        Assert.Equal(customer, invitation.CustomerId);
    }
}

public sealed class SurveyTriggerOnSqlite(SqliteApp app) : SurveyTriggerTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class SurveyTriggerOnPostgres(PostgresApp app) : SurveyTriggerTests<PostgresApp>(app), IClassFixture<PostgresApp>;
