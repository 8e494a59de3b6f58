using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Testing;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Channels;

/// <summary>The app with a webhook secret and a contact-form limit of 3 per address, so the limit is reached quickly.</summary>
public class ChannelsApp(StoreProvider provider) : TouchpointApp(provider)
{
    public const string Secret = "webhook-secret-for-tests-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Touchpoint:Social:WebhookSecret", Secret);
        builder.UseSetting("Touchpoint:Contact:MaxPerAddressPerTenMinutes", "3");
    }
}

public sealed class SqliteChannelsApp() : ChannelsApp(StoreProvider.Sqlite);

public sealed class PostgresChannelsApp() : ChannelsApp(StoreProvider.Postgres);

/// <summary>Contact form, phone calls, visits and the signed social webhook, end to end over HTTP.</summary>
public abstract class ContactChannelsTests<TApp>(TApp app) where TApp : ChannelsApp
{
    private async Task<(HttpClient Agent, long CustomerId)> CustomerAsync()
    {
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        var c = await (await agent.PostAsync("/api/v1/customers", Json(new { name = "Caller " + Guid.NewGuid().ToString("N")[..6] }), Ct)).ReadJsonAsync();
        return (agent, c.GetProperty("id").GetInt64());
    }

    private async Task<T> QueryAsync<T>(Func<TouchpointDb, Task<T>> q)
    {
        await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
        return await q(db);
    }

    [Fact]
    public async Task A_missed_call_becomes_a_callback_task_and_an_answered_call_is_a_response()
    {
        var (agent, customerId) = await CustomerAsync();
        var at = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(1));
        var missed = await (await agent.PostAsync("/api/v1/channels/phone/calls", Json(new
        {
            customerId, direction = "inbound", outcome = "missed", durationSeconds = 0, phoneNumber = "+44 20 7946 0000", at,
        }), Ct)).ReadJsonAsync();
        Assert.Equal(at.UtcDateTime.AddHours(2), missed.GetProperty("callbackDueAt").GetDateTime());
        var ticketId = missed.GetProperty("ticketId").GetInt64();
        var ticket = await (await agent.GetAsync($"/api/v1/tickets/{ticketId}", Ct)).ReadJsonAsync();
        Assert.Equal(["callback"], ticket.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal("phone", ticket.GetProperty("ticket").GetProperty("channel").GetString());
        var owed = await (await agent.GetAsync("/api/v1/channels/phone/callbacks", Ct)).ReadJsonAsync();
        var callId = missed.GetProperty("id").GetInt64();
        Assert.Contains(owed.EnumerateArray(), c => c.GetProperty("id").GetInt64() == callId);

        // The callback: an outbound answered call on the same ticket, then the task is ticked off.
        var back = await agent.PostAsync("/api/v1/channels/phone/calls", Json(new
        {
            ticketId, direction = "outbound", outcome = "answered", durationSeconds = 240, notes = "Rebooked the delivery.", at = at.AddMinutes(50),
        }), Ct);
        Assert.Equal(HttpStatusCode.Created, back.StatusCode);
        await agent.PostAsync($"/api/v1/channels/phone/callbacks/{callId}/done", null, Ct);
        owed = await (await agent.GetAsync("/api/v1/channels/phone/callbacks", Ct)).ReadJsonAsync();
        Assert.DoesNotContain(owed.EnumerateArray(), c => c.GetProperty("id").GetInt64() == callId);
        var messages = (await (await agent.GetAsync($"/api/v1/tickets/{ticketId}", Ct)).ReadJsonAsync()).GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["customer", "agent"], messages.Select(m => m.GetProperty("author").GetString()!).ToArray());
        Assert.StartsWith("Outbound call, answered, 4 min 0 s", messages[1].GetProperty("body").GetString());

        // An answered inbound call: the customer's call and the agent's answer at its end (3 min later).
        var answered = await (await agent.PostAsync("/api/v1/channels/phone/calls", Json(new
        {
            customerId, direction = "inbound", outcome = "answered", durationSeconds = 180, at,
        }), Ct)).ReadJsonAsync();
        Assert.Equal(JsonValueKindNull, answered.GetProperty("callbackDueAt").ValueKind);
        var times = await QueryAsync(db => db.TicketMessages.Where(m => m.TicketId == answered.GetProperty("ticketId").GetInt64())
            .OrderBy(m => m.Id).Select(m => m.CreatedAtUtc).ToListAsync(Ct));
        Assert.Equal(TimeSpan.FromMinutes(3), times[1] - times[0]);

        var bad = await (await agent.PostAsync("/api/v1/channels/phone/calls", Json(new { customerId, direction = "sideways", outcome = "hung_up" }), Ct)).ProblemAsync(400);
        Assert.Single(bad.ErrorsFor("direction"));
        Assert.Single(bad.ErrorsFor("outcome"));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task A_visit_logged_by_staff_opens_an_in_person_ticket_with_the_request_and_what_was_done()
    {
        var (agent, customerId) = await CustomerAsync();
        var visit = await (await agent.PostAsync("/api/v1/channels/visits", Json(new
        {
            customerId, request = "Wants to return a lamp", outcome = "Refunded at the till", location = "Leeds shop",
        }), Ct)).ReadJsonAsync();
        Assert.Equal("in_person", visit.GetProperty("channel").GetString());
        Assert.Equal("Visit at Leeds shop: Wants to return a lamp", visit.GetProperty("subject").GetString());
        Assert.Equal("open", visit.GetProperty("status").GetString());
        var missing = await (await agent.PostAsync("/api/v1/channels/visits", Json(new { customerId }), Ct)).ProblemAsync(400);
        Assert.Single(missing.ErrorsFor("request"));
    }

    private static HttpRequestMessage Signed(string body, string delivery, long? timestamp = null, string secret = ChannelsApp.Secret)
    {
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/channels/social/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Touchpoint-Timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Touchpoint-Signature", WebhookSignature.Sign(secret, ts, Encoding.UTF8.GetBytes(body)));
        request.Headers.Add("X-Touchpoint-Delivery", delivery);
        return request;
    }

    [Fact]
    public async Task Signed_social_messages_thread_by_reply_and_wrong_signatures_or_replays_are_refused_or_stored_once()
    {
        var stranger = app.CreateClient();
        var id = Guid.NewGuid().ToString("N")[..10];
        var post = $$"""{"platform":"twitter","id":"{{id}}","handle":"ana_{{id}}","text":"@NorthwindHome my order never came","permalink":"https://twitter.com/ana/status/{{id}}"}""";
        var first = await (await stranger.SendAsync(Signed(post, "d-" + id), Ct)).ReadJsonAsync();
        Assert.Equal("stored", first.GetProperty("outcome").GetString());
        var ticketId = first.GetProperty("ticketId").GetInt64();

        var replay = await (await stranger.SendAsync(Signed(post, "d-" + id), Ct)).ReadJsonAsync();
        Assert.Equal("duplicate", replay.GetProperty("outcome").GetString());
        var sameTweetNewDelivery = await (await stranger.SendAsync(Signed(post, "d2-" + id), Ct)).ReadJsonAsync();
        Assert.Equal("duplicate", sameTweetNewDelivery.GetProperty("outcome").GetString());

        var reply = $$"""{"platform":"twitter","id":"{{id}}-r","handle":"NorthwindHome","text":"Sorry! DM us your order number.","inReplyTo":"{{id}}","fromBrand":true}""";
        var answered = await (await stranger.SendAsync(Signed(reply, "d3-" + id), Ct)).ReadJsonAsync();
        Assert.Equal(ticketId, answered.GetProperty("ticketId").GetInt64());

        var forged = await (await stranger.SendAsync(Signed(post.Replace("never came", "came twice"), "d4-" + id, secret: "guessed-secret"), Ct)).ProblemAsync(401);
        Assert.Contains("signature does not match", forged.Detail());
        var stale = await (await stranger.SendAsync(Signed(post, "d5-" + id, DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds()), Ct)).ProblemAsync(401);
        Assert.Contains("timestamp", stale.Detail());
        var tampered = Signed(post, "d6-" + id);
        tampered.Content = new StringContent(post.Replace("never came", "arrived"), Encoding.UTF8, "application/json");
        await (await stranger.SendAsync(tampered, Ct)).ProblemAsync(401);

        var (messages, handle) = await QueryAsync(async db => (
            await db.TicketMessages.Where(m => m.TicketId == ticketId).Select(m => m.Author).ToListAsync(Ct),
            await db.Set<SocialDetail>().Where(s => s.Handle == "ana_" + id).Select(s => s.Permalink).SingleAsync(Ct)));
        Assert.Equal([Domain.Service.AuthorKind.Customer, Domain.Service.AuthorKind.Agent], messages);
        Assert.Equal($"https://twitter.com/ana/status/{id}", handle);
    }

    [Fact]
    public async Task The_contact_form_opens_a_ticket_ignores_bots_needs_its_token_and_is_rate_limited()
    {
        var browser = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/contact", Ct);
        Assert.Contains("Contact us", page);
        var token = TouchpointApp.AntiforgeryToken(page);
        var email = $"form.{Guid.NewGuid():N}"[..13] + "@customer.test";
        FormUrlEncodedContent Form(string website = "", string? withToken = null) => new(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = withToken ?? token, ["name"] = "Maya Lind", ["email"] = email, ["subject"] = "Broken chair",
            ["message"] = "<script>alert(1)</script>One leg is shorter.", ["website"] = website,
        });

        var sent = await browser.PostAsync("/contact/send", Form(), Ct);
        Assert.Equal("/contact?sent=1", sent.Headers.Location?.ToString());
        var bot = await browser.PostAsync("/contact/send", Form(website: "http://spam.example"), Ct);
        Assert.Equal("/contact?sent=1", bot.Headers.Location?.ToString());
        var noToken = await app.CreateClient().PostAsync("/contact/send", Form(withToken: "forged"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        var tickets = await QueryAsync(db => db.Tickets.Join(db.Customers, t => t.CustomerId, c => c.Id, (t, c) => new { t, c })
            .Where(x => x.c.Email == email).Select(x => new { x.t.Subject, x.t.Channel, x.c.Name }).ToListAsync(Ct));
        var ticket = Assert.Single(tickets); // the honeypot submission stored nothing
        Assert.Equal(("Broken chair", "form", "Maya Lind"), (ticket.Subject, ticket.Channel, ticket.Name));

        // Three posts per address per ten minutes in this app (sent, bot, forged-token were three; the limiter counts all).
        var limited = await browser.PostAsync("/contact/send", Form(), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);

        var shown = await app.CreateClient().GetStringAsync("/contact?sent=1", Ct);
        Assert.Contains("Your message has reached our support team", shown);
    }
}

public sealed class ContactChannelsOnSqlite(SqliteChannelsApp app) : ContactChannelsTests<SqliteChannelsApp>(app), IClassFixture<SqliteChannelsApp>;

public sealed class ContactChannelsOnPostgres(PostgresChannelsApp app) : ContactChannelsTests<PostgresChannelsApp>(app), IClassFixture<PostgresChannelsApp>;
