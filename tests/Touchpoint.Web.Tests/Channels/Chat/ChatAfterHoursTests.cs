using System.Net;
using Touchpoint.Domain.Access;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Channels.Chat;

/// <summary>Outside business hours the chat asks for an email and the agent's reply goes out by email.</summary>
public abstract class ChatAfterHoursTests<TApp>(TApp app) where TApp : ChatApp
{
    [Fact]
    public async Task Away_the_widget_asks_for_an_email_and_the_agents_reply_is_mailed_once()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var mailbox = await admin.PostAsync("/api/v1/channels/mailboxes", Json(new { name = "Support", address = $"support.{Guid.NewGuid():N}@shop.example" }), Ct);
        Assert.Equal(HttpStatusCode.Created, mailbox.StatusCode);

        var (visitor, session) = await app.VisitorAsync();
        Assert.False(session.GetProperty("open").GetBoolean());
        Assert.True(session.GetProperty("needsEmail").GetBoolean());
        Assert.Contains("Leave your email", session.GetProperty("awayMessage").GetString());
        Assert.Single((await (await visitor.SayAsync("Anyone there?")).ProblemAsync(400)).ErrorsFor("email"));
        Assert.Empty(await visitor.LinesAsync());

        Assert.Single((await (await visitor.PostAsync("/chat/identify", Json(new { email = "not an email" }), Ct)).ProblemAsync(400)).ErrorsFor("email"));
        var email = $"night.owl.{Guid.NewGuid():N}@example.com";
        var identified = await (await visitor.PostAsync("/chat/identify", Json(new { name = "Night Owl", email }), Ct)).ReadJsonAsync();
        Assert.False(identified.GetProperty("needsEmail").GetBoolean());
        var line = await (await visitor.SayAsync("My order is late")).ReadJsonAsync();
        Assert.True(line.GetProperty("followUpByEmail").GetBoolean());

        var ticketId = await app.TicketOfAsync(line.GetProperty("id").GetInt64());
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        await agent.PostAsync($"/api/v1/tickets/{ticketId}/messages", Json(new { body = "It ships tomorrow morning." }), Ct);
        var mail = await app.Relay.WaitForAsync(m => m.To.ToString().Contains(email));
        Assert.Contains($"[#{ticketId}]", mail.Subject);
        Assert.Contains("It ships tomorrow morning.", mail.TextBody);

        // Another change of the ticket (a note) mails nothing again.
        await agent.PostAsync($"/api/v1/tickets/{ticketId}/messages", Json(new { body = "checked the warehouse", @internal = true }), Ct);
        await Task.Delay(500, Ct);
        Assert.Single(app.Relay.Received, r => r.Message.To.ToString().Contains(email));
        Assert.Contains(("agent", "It ships tomorrow morning."), await visitor.LinesAsync());
    }
}

public sealed class ChatAfterHoursOnSqlite(SqliteAwayChatApp app) : ChatAfterHoursTests<SqliteAwayChatApp>(app), IClassFixture<SqliteAwayChatApp>;

public sealed class ChatAfterHoursOnPostgres(PostgresAwayChatApp app) : ChatAfterHoursTests<PostgresAwayChatApp>(app), IClassFixture<PostgresAwayChatApp>;
