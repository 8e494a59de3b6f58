using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service.Channels.Chat;
using Touchpoint.Web.Features.Service.Channels.Chat;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Channels.Chat;

/// <summary>The chat channel over HTTP: visitor lines onto tickets and timelines, identity, and agent replies back.</summary>
public abstract class ChatTests<TApp>(TApp app) where TApp : ChatApp
{
    [Fact]
    public async Task An_anonymous_visitor_line_opens_a_chat_ticket_on_an_anonymous_timeline_and_a_resend_is_stored_once()
    {
        var (visitor, session) = await app.VisitorAsync();
        Assert.Equal("anonymous", session.GetProperty("identity").GetString());
        Assert.True(session.GetProperty("open").GetBoolean());
        Assert.Equal(0, session.GetProperty("lines").GetArrayLength());

        var sent = await visitor.SayAsync("My parcel never arrived", "line-1");
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var receipt = await sent.ReadJsonAsync();
        var again = await (await visitor.SayAsync("My parcel never arrived", "line-1")).ReadJsonAsync();
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(receipt.GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());

        var ticketId = await app.TicketOfAsync(receipt.GetProperty("id").GetInt64());
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        var ticket = await (await agent.GetAsync($"/api/v1/tickets/{ticketId}", Ct)).ReadJsonAsync();
        Assert.Equal("chat", ticket.GetProperty("ticket").GetProperty("channel").GetString());
        Assert.Equal("Chat: My parcel never arrived", ticket.GetProperty("ticket").GetProperty("subject").GetString());
        var message = Assert.Single(ticket.GetProperty("messages").EnumerateArray());
        Assert.Equal("customer", message.GetProperty("author").GetString());

        var customerId = ticket.GetProperty("ticket").GetProperty("customerId").GetInt64();
        var (segment, events) = await app.QueryAsync(async db => (
            (await db.Customers.FirstAsync(c => c.Id == customerId, Ct)).Segment,
            await db.Events.Where(e => e.CustomerId == customerId).Select(e => e.Type).ToListAsync(Ct)));
        Assert.Equal("anonymous", segment);
        Assert.Equal([TouchpointTypes.TicketCreated, TouchpointTypes.TicketMessage], events.Order().ToArray());
    }

    [Fact]
    public async Task An_agent_reply_reaches_the_visitor_but_an_internal_note_does_not()
    {
        var (visitor, _) = await app.VisitorAsync();
        var line = await (await visitor.SayAsync("Is the sofa in stock?")).ReadJsonAsync();
        var ticketId = await app.TicketOfAsync(line.GetProperty("id").GetInt64());
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsync($"/api/v1/tickets/{ticketId}/messages", Json(new { body = "Yes, 4 left." }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsync($"/api/v1/tickets/{ticketId}/messages", Json(new { body = "VIP? check CRM", @internal = true }), Ct)).StatusCode);

        Assert.Equal([("visitor", "Is the sofa in stock?"), ("agent", "Yes, 4 left.")], await visitor.LinesAsync());
        // A returning visitor (same token, new page) gets the conversation back with the session.
        var resumed = await (await app.CreateClient().PostAsync("/chat/session",
            Json(new { site = ChatApp.Site, token = visitor.DefaultRequestHeaders.GetValues("X-Chat-Token").Single() }), Ct)).ReadJsonAsync();
        Assert.Equal(2, resumed.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task A_routing_rules_automatic_reply_reaches_the_visitor()
    {
        var token = "chatack" + Guid.NewGuid().ToString("N")[..8];
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var macro = await (await admin.PostAsync("/api/v1/macros", Json(new { name = "Chat ack " + token, body = "Thanks, an agent will be with you shortly." }), Ct)).ReadJsonAsync();
        var rule = await admin.PostAsync("/api/v1/routing-rules", Json(new
        {
            name = "Chat ack " + token, trigger = "created",
            conditions = new[] { new { field = "content", op = "contains_any", values = new[] { token } } },
            actions = new[] { new { type = "reply_with_macro", value = macro.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) } },
        }), Ct);
        Assert.True(rule.IsSuccessStatusCode, await rule.Content.ReadAsStringAsync(Ct));

        var (visitor, _) = await app.VisitorAsync();
        Assert.Equal(HttpStatusCode.Created, (await visitor.SayAsync($"Hello {token}")).StatusCode);
        Assert.Equal([("visitor", $"Hello {token}"), ("agent", "Thanks, an agent will be with you shortly.")], await visitor.LinesAsync());
    }

    [Fact]
    public async Task Identifying_by_email_merges_the_anonymous_visitor_into_the_known_customer_keeping_earlier_events()
    {
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        var email = $"ana.{Guid.NewGuid():N}@example.com";
        var known = await (await agent.PostAsync("/api/v1/customers", Json(new { name = "Ana Lima", email }), Ct)).ReadJsonAsync();
        var knownId = known.GetProperty("id").GetInt64();
        var (visitor, _) = await app.VisitorAsync();
        var line = await (await visitor.SayAsync("Where is my order?")).ReadJsonAsync();
        var ticketId = await app.TicketOfAsync(line.GetProperty("id").GetInt64());
        var anonId = await app.QueryAsync(db => db.Tickets.Where(t => t.Id == ticketId).Select(t => t.CustomerId).FirstAsync(Ct));
        Assert.NotEqual(knownId, anonId);

        var identified = await (await visitor.PostAsync("/chat/identify", Json(new { name = "Ana", email = email.ToUpperInvariant() }), Ct)).ReadJsonAsync();
        Assert.Equal("email", identified.GetProperty("identity").GetString());
        Assert.Equal("Ana Lima", identified.GetProperty("name").GetString());
        await visitor.SayAsync("Order 1042");

        var (ticketCustomer, mergedInto, anonEvents, knownMessages, anonHandleOwner) = await app.QueryAsync(async db => (
            await db.Tickets.Where(t => t.Id == ticketId).Select(t => t.CustomerId).FirstAsync(Ct),
            await db.Customers.Where(c => c.Id == anonId).Select(c => c.MergedIntoId).FirstAsync(Ct),
            await db.Events.CountAsync(e => e.CustomerId == anonId, Ct),
            await db.Events.CountAsync(e => e.CustomerId == knownId && e.Type == TouchpointTypes.TicketMessage, Ct),
            await db.CustomerIdentities.Where(i => i.Kind == IdentityKind.Anonymous).Where(i => i.CustomerId == knownId).CountAsync(Ct)));
        Assert.Equal(knownId, ticketCustomer);
        Assert.Equal(knownId, mergedInto);
        Assert.Equal(0, anonEvents);
        Assert.Equal(2, knownMessages); // the line before identify and the one after, on one timeline
        Assert.Equal(1, anonHandleOwner);
        Assert.Equal(2, (await visitor.LinesAsync()).Count);
    }

    [Fact]
    public async Task A_signed_user_becomes_the_customer_with_that_external_id_and_a_wrong_hash_is_refused()
    {
        var userId = "shop-user-" + Guid.NewGuid().ToString("N")[..8];
        var wrong = await app.CreateClient().PostAsync("/chat/session", Json(new { site = ChatApp.Site, userId, userHash = VisitorSignature.Sign("not-the-secret", userId) }), Ct);
        Assert.Contains("HMAC", Assert.Single((await wrong.ProblemAsync(400)).ErrorsFor("userHash")));

        var (visitor, session) = await app.VisitorAsync(new { site = ChatApp.Site, userId, userHash = VisitorSignature.Sign(ChatApp.Secret, userId), userName = "Bo Chen" });
        Assert.Equal("signed", session.GetProperty("identity").GetString());
        var line = await (await visitor.SayAsync("Hello")).ReadJsonAsync();
        var ticketId = await app.TicketOfAsync(line.GetProperty("id").GetInt64());
        var customer = await app.QueryAsync(db => db.Tickets.Where(t => t.Id == ticketId).Join(db.Customers, t => t.CustomerId, c => c.Id, (t, c) => c).FirstAsync(Ct));
        Assert.Equal(userId, customer.ExternalId);
        Assert.Equal("Bo Chen", customer.Name);

        // The signed user also leaves an email: it joins the same customer; someone else's email is refused.
        var email = $"bo.{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync("/chat/identify", Json(new { email }), Ct)).StatusCode);
        Assert.Equal(email, await app.QueryAsync(db => db.Customers.Where(c => c.Id == customer.Id).Select(c => c.Email).FirstAsync(Ct)));
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        var other = $"other.{Guid.NewGuid():N}@example.com";
        await agent.PostAsync("/api/v1/customers", Json(new { name = "Other", email = other }), Ct);
        Assert.Contains("another customer", Assert.Single((await (await visitor.PostAsync("/chat/identify", Json(new { email = other }), Ct)).ProblemAsync(400)).ErrorsFor("email")));

        // Someone else signs in on the same browser (the widget still holds the token): a fresh conversation, not Bo's.
        var token = visitor.DefaultRequestHeaders.GetValues("X-Chat-Token").Single();
        var next = await (await app.CreateClient().PostAsync("/chat/session", Json(new { site = ChatApp.Site, token, userId = "someone-else", userHash = VisitorSignature.Sign(ChatApp.Secret, "someone-else") }), Ct)).ReadJsonAsync();
        Assert.Equal(0, next.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task A_flood_is_refused_per_visitor_with_429_and_nothing_past_the_limit_is_stored()
    {
        var (visitor, _) = await app.VisitorAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < ChatApp.LinesPerMinute + 3; i++)
        {
            var r = await visitor.SayAsync($"spam {i}");
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests) refused = r;
        }
        Assert.Equal(ChatApp.LinesPerMinute, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Contains("too fast", (await refused!.ProblemAsync(429)).Detail());
        Assert.True(refused!.Headers.RetryAfter is not null);
        Assert.Equal(ChatApp.LinesPerMinute, (await visitor.LinesAsync()).Count);
        // Another visitor is not held back by this one's flood.
        var (other, _) = await app.VisitorAsync();
        Assert.Equal(HttpStatusCode.Created, (await other.SayAsync("I am not spam")).StatusCode);
    }

    [Fact]
    public async Task Oversized_empty_and_unnamed_lines_are_refused_by_field_and_html_stays_text()
    {
        var (visitor, _) = await app.VisitorAsync();
        Assert.Contains("at most 4,000", Assert.Single((await (await visitor.SayAsync(new string('x', ChatText.MaxLength + 1))).ProblemAsync(400)).ErrorsFor("text")));
        Assert.Single((await (await visitor.SayAsync("   ")).ProblemAsync(400)).ErrorsFor("text"));
        Assert.Single((await (await visitor.PostAsync("/chat/messages", Json(new { text = "hi", clientId = "<bad id>" }), Ct)).ProblemAsync(400)).ErrorsFor("clientId"));
        Assert.Empty(await visitor.LinesAsync());

        const string hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var line = await (await visitor.SayAsync(hostile + "\u0007\u202Ebell")).ReadJsonAsync();
        var stored = await app.QueryAsync(db => db.TicketMessages.FirstAsync(m => m.Id == line.GetProperty("id").GetInt64(), Ct));
        Assert.Null(stored.BodyHtml);
        Assert.Equal(hostile + "bell", stored.Body); // kept as the characters typed; pages encode them, nothing runs
    }

    [Fact]
    public async Task Forged_altered_and_expired_tokens_are_refused_on_the_api_and_the_hub()
    {
        var (visitor, session) = await app.VisitorAsync();
        var token = session.GetProperty("token").GetString()!;
        var stranger = app.CreateClient();
        Assert.Equal(401, (await (await stranger.GetAsync("/chat/messages", Ct)).ProblemAsync(401)).GetProperty("status").GetInt32());
        foreach (var bad in new[] { "forged-token", token[..^3] + (token[^3] == 'A' ? "BBB" : "AAA") })
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, "/chat/messages") { Content = Json(new { clientId = "x1", text = "hi" }) };
            req.Headers.Add("X-Chat-Token", bad);
            Assert.Contains("expired", (await (await stranger.SendAsync(req, Ct)).ProblemAsync(401)).Detail());
            await (await stranger.PostAsync($"/chat/hub/negotiate?negotiateVersion=1&token={Uri.EscapeDataString(bad)}", null, Ct)).ProblemAsync(401);
        }
        // Issued with the app's own keys but already past its lifetime.
        var options = app.Services.GetRequiredService<ChatOptions>() with { TokenLifetime = TimeSpan.FromMinutes(-1) };
        var expired = new VisitorTokens(app.Services.GetRequiredService<IDataProtectionProvider>(), options, TimeProvider.System)
            .Issue(new ChatVisitor(ChatApp.Site, "0123456789abcdef0123456789abcdef"));
        using var late = new HttpRequestMessage(HttpMethod.Get, "/chat/messages");
        late.Headers.Add("X-Chat-Token", expired);
        await (await stranger.SendAsync(late, Ct)).ProblemAsync(401);
        // The genuine token opens the hub.
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync($"/chat/hub/negotiate?negotiateVersion=1&token={Uri.EscapeDataString(token)}", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_visitor_never_sees_another_visitors_lines_even_when_an_agent_merges_the_tickets()
    {
        var (ana, _) = await app.VisitorAsync();
        var (bo, _) = await app.VisitorAsync();
        var anaLine = await (await ana.SayAsync("Ana's secret address is 1 Main St")).ReadJsonAsync();
        var boLine = await (await bo.SayAsync("Bo here")).ReadJsonAsync();
        Assert.Equal([("visitor", "Bo here")], await bo.LinesAsync());

        // An agent merges Ana's ticket into Bo's: Bo's thread now shows Ana's line to agents, but Bo's widget must not,
        // and Ana's widget keeps her own line without the rest of Bo's thread.
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        var anaTicket = await app.TicketOfAsync(anaLine.GetProperty("id").GetInt64());
        var boTicket = await app.TicketOfAsync(boLine.GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsync($"/api/v1/tickets/{anaTicket}/merge", Json(new { targetId = boTicket }), Ct)).StatusCode);
        Assert.DoesNotContain(await bo.LinesAsync(), l => l.Text.Contains("Ana"));
        Assert.Equal([("visitor", "Ana's secret address is 1 Main St")], await ana.LinesAsync());
        // Ana writes again: a new ticket of her own, not a line on Bo's.
        var next = await (await ana.SayAsync("Hello again")).ReadJsonAsync();
        Assert.NotEqual(boTicket, await app.TicketOfAsync(next.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task A_line_after_the_ticket_is_closed_opens_a_follow_up_and_the_visitor_sees_the_new_ticket_only()
    {
        var (visitor, _) = await app.VisitorAsync();
        var first = await (await visitor.SayAsync("The lamp flickers")).ReadJsonAsync();
        var ticketId = await app.TicketOfAsync(first.GetProperty("id").GetInt64());
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        await agent.PostAsync($"/api/v1/tickets/{ticketId}/messages", Json(new { body = "Swap the bulb, please." }), Ct);
        foreach (var status in new[] { "solved", "closed" })
            Assert.Equal(HttpStatusCode.OK, (await agent.PostAsync($"/api/v1/tickets/{ticketId}/status", Json(new { status }), Ct)).StatusCode);

        var next = await (await visitor.SayAsync("It flickers again")).ReadJsonAsync();
        var followUp = await app.TicketOfAsync(next.GetProperty("id").GetInt64());
        Assert.NotEqual(ticketId, followUp);
        var ticket = await (await agent.GetAsync($"/api/v1/tickets/{followUp}", Ct)).ReadJsonAsync();
        Assert.StartsWith($"Follow-up to #{ticketId}", ticket.GetProperty("ticket").GetProperty("subject").GetString());
        Assert.Equal([("visitor", "It flickers again")], await visitor.LinesAsync());
    }

    [Fact]
    public async Task An_email_follow_up_that_cannot_go_out_leaves_a_note_saying_why_and_keeps_the_reply()
    {
        // This app has a relay but no mailbox: the mail cannot be addressed from anywhere.
        var (visitor, _) = await app.VisitorAsync();
        await visitor.PostAsync("/chat/identify", Json(new { email = $"gone.{Guid.NewGuid():N}@example.com" }), Ct);
        var line = await (await visitor.SayAsync("Call me back by email")).ReadJsonAsync();
        var lineId = line.GetProperty("id").GetInt64();
        var ticketId = await app.TicketOfAsync(lineId);
        // As if the line had come after hours (the always-open calendar of this app cannot produce one).
        await app.QueryAsync(db => db.Set<ChatConversation>().Where(c => c.TicketId == ticketId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.FollowUpByEmail, true).SetProperty(c => c.LastEmailedMessageId, lineId), Ct));

        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        await agent.PostAsync($"/api/v1/tickets/{ticketId}/messages", Json(new { body = "We will write tomorrow." }), Ct);
        JsonElement note = default;
        for (var i = 0; i < 100 && note.ValueKind == JsonValueKind.Undefined; i++)
        {
            var ticket = await (await agent.GetAsync($"/api/v1/tickets/{ticketId}", Ct)).ReadJsonAsync();
            note = ticket.GetProperty("messages").EnumerateArray().FirstOrDefault(m => m.GetProperty("isInternal").GetBoolean());
            if (note.ValueKind == JsonValueKind.Undefined) await Task.Delay(50, Ct);
        }
        Assert.Contains("not emailed this reply: no mailbox is set up", note.GetProperty("body").GetString());
        Assert.Contains(("agent", "We will write tomorrow."), await visitor.LinesAsync());
    }

    [Fact]
    public async Task Unknown_sites_and_foreign_origins_are_refused()
    {
        var client = app.CreateClient();
        Assert.Single((await (await client.PostAsync("/chat/session", Json(new { site = "nope" }), Ct)).ProblemAsync(400)).ErrorsFor("site"));
        using var req = new HttpRequestMessage(HttpMethod.Post, "/chat/session") { Content = Json(new { site = ChatApp.Site }) };
        req.Headers.Add("Origin", "https://evil.example");
        Assert.Contains("evil.example", (await (await client.SendAsync(req, Ct)).ProblemAsync(403)).Detail());
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/chat/messages");
        preflight.Headers.Add("Origin", ChatApp.Origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-chat-token");
        var ok = await client.SendAsync(preflight, Ct);
        Assert.Equal(ChatApp.Origin, ok.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}

public sealed class ChatOnSqlite(SqliteChatApp app) : ChatTests<SqliteChatApp>(app), IClassFixture<SqliteChatApp>;

public sealed class ChatOnPostgres(PostgresChatApp app) : ChatTests<PostgresChatApp>(app), IClassFixture<PostgresChatApp>;
