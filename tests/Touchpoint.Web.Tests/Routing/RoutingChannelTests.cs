using Microsoft.Extensions.DependencyInjection;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Routing;

/// <summary>One set of rules routes every channel: email over real SMTP, the contact form, phone, the social webhook, the API.</summary>
public abstract class RoutingChannelTests<TApp>(TApp app) where TApp : RoutingApp
{
    private readonly RoutingKit _kit = new(app);

    /// <summary>Delivers to the app's own SMTP receiver over real SMTP with MailKit.</summary>
    private async Task SendAsync(MimeMessage mail)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", app.SmtpPort, SecureSocketOptions.None, Ct);
        await smtp.SendAsync(mail, Ct);
        await smtp.DisconnectAsync(true, Ct);
    }

    [Fact]
    public async Task Tickets_from_every_channel_land_in_the_rules_team_and_are_assigned_in_turn()
    {
        var token = RoutingKit.Token();
        var ana = await _kit.AgentAsync("Ana Routed");
        var ben = await _kit.AgentAsync("Ben Routed");
        var team = await _kit.TeamAsync("Returns", ana, ben);
        var rule = await _kit.RuleAsync(new
        {
            name = "Returns " + token, trigger = "created",
            conditions = new[] { new { field = "content", op = "contains_any", values = new[] { "nothing-else", token } } },
            actions = new object[] { new { type = "set_team", value = team.ToString() }, new { type = "add_tags", values = new[] { "returns" } }, new { type = "assign_round_robin" } },
        });
        var admin = await _kit.AdminAsync();

        // Email through the built-in SMTP receiver, spoken to by MailKit.
        var mailbox = $"support-{Guid.NewGuid():N}"[..16] + "@desk.test";
        await admin.PostAsync("/api/v1/channels/mailboxes", Json(new { name = "Support", address = mailbox, signature = "" }), Ct);
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse($"mail.{token}@customer.test"));
        mail.To.Add(MailboxAddress.Parse(mailbox));
        mail.Subject = $"Return {token}";
        mail.Body = new TextPart("plain") { Text = "I want to send the lamp back." };
        await SendAsync(mail);

        // The public contact form, with its antiforgery token.
        var browser = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = TouchpointApp.AntiforgeryToken(await browser.GetStringAsync("/contact", Ct));
        var sent = await browser.PostAsync("/contact/send", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form, ["name"] = "Form Person", ["email"] = $"form.{token}@customer.test",
            ["subject"] = "A return", ["message"] = $"Please take it back ({token}).", ["website"] = "",
        }), Ct);
        Assert.Equal("/contact?sent=1", sent.Headers.Location?.ToString());

        // A missed phone call logged by staff.
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        var caller = await _kit.CustomerAsync("Caller " + token);
        var call = await agent.PostAsync("/api/v1/channels/phone/calls", Json(new { customerId = caller, direction = "inbound", outcome = "missed", durationSeconds = 0, notes = $"wants a return {token}" }), Ct);
        Assert.True(call.IsSuccessStatusCode, await call.Content.ReadAsStringAsync(Ct));

        // A social post through the signed webhook.
        var post = $$"""{"platform":"twitter","id":"{{token}}","handle":"h_{{token}}","text":"@NorthwindHome return please {{token}}"}""";
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/channels/social/webhook") { Content = new StringContent(post, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Touchpoint-Timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Touchpoint-Signature", WebhookSignature.Sign(RoutingApp.WebhookSecret, ts, Encoding.UTF8.GetBytes(post)));
        request.Headers.Add("X-Touchpoint-Delivery", "d-" + token);
        var social = await app.CreateClient().SendAsync(request, Ct);
        Assert.True(social.IsSuccessStatusCode, await social.Content.ReadAsStringAsync(Ct));

        // And another system through the API.
        await _kit.ApiTicketAsync("Return", $"Order 1001, return {token}");

        var tickets = await app.QueryAsync(db => db.Tickets.AsNoTracking()
            .Where(t => db.TicketMessages.Any(m => m.TicketId == t.Id && (m.Body.Contains(token) || t.Subject.Contains(token))))
            .OrderBy(t => t.Id).ToListAsync(Ct));
        Assert.Equal(["api", "email", "form", "phone", "social"], tickets.Select(t => t.Channel).Order());
        Assert.All(tickets, t =>
        {
            Assert.Equal(team, t.TeamId);
            Assert.Contains("\"returns\"", t.TagsJson);
        });
        // Round robin in the order the tickets came in: Ana, Ben, Ana, Ben, Ana.
        var expected = new[] { ana, ben, ana, ben, ana };
        Assert.Equal(expected, tickets.Select(t => t.AssigneeId!.Value));
        foreach (var t in tickets)
            Assert.Equal([$"rule:{rule} Returns {token}"], await _kit.RuleAuditAsync(t.Id));
        var cursor = await app.QueryAsync(db => db.Set<Data.Service.Routing.RoutingCursor>().AsNoTracking().SingleAsync(c => c.Key == $"round_robin:{team}", Ct));
        Assert.Equal(ana, cursor.Value); // the turn is in the store: a restart goes on with Ben
    }

    [Fact]
    public async Task A_mailbox_condition_routes_mail_by_the_address_it_was_sent_to()
    {
        var admin = await _kit.AdminAsync();
        var billing = await _kit.TeamAsync("Billing");
        var address = $"billing-{Guid.NewGuid():N}"[..16] + "@desk.test";
        var box = await (await admin.PostAsync("/api/v1/channels/mailboxes", Json(new { name = "Billing", address, signature = "" }), Ct)).ReadJsonAsync();
        var boxId = box.GetProperty("id").GetInt64();
        await _kit.RuleAsync(new
        {
            name = "Billing mailbox " + boxId, trigger = "created",
            conditions = new[] { new { field = "mailbox", op = "is", values = new[] { boxId.ToString() } } },
            actions = new object[] { new { type = "set_team", value = billing.ToString() }, new { type = "set_priority", value = "high" } },
        });
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse($"payer.{Guid.NewGuid():N}"[..14] + "@customer.test"));
        mail.To.Add(MailboxAddress.Parse(address));
        mail.Subject = "Invoice question";
        mail.Body = new TextPart("plain") { Text = "Why was I charged twice?" };
        await SendAsync(mail);
        var ticketId = await app.QueryAsync(db => db.TicketMessages.Where(m => m.ExternalId == mail.MessageId).Select(m => m.TicketId).SingleAsync(Ct));
        var t = await _kit.TicketAsync(ticketId);
        Assert.Equal((billing, "high"), (t.Team, t.Priority));
    }

    [Fact]
    public async Task A_created_rule_sees_the_callback_tag_of_a_missed_call()
    {
        var token = RoutingKit.Token();
        await _kit.RuleAsync(new
        {
            name = "Call back fast " + token, trigger = "created",
            conditions = new object[]
            {
                new { field = "tag", op = "has_any", values = new[] { "callback" } },
                new { field = "content", op = "contains_any", values = new[] { token } },
            },
            actions = new[] { new { type = "set_priority", value = "urgent" } },
        });
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        async Task<long> CallAsync(string outcome)
        {
            var caller = await _kit.CustomerAsync("Caller " + token);
            var r = await agent.PostAsync("/api/v1/channels/phone/calls", Json(new { customerId = caller, direction = "inbound", outcome, durationSeconds = 0, notes = $"about {token}" }), Ct);
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync(Ct));
            return (await r.ReadJsonAsync()).GetProperty("ticketId").GetInt64();
        }
        var missed = await _kit.TicketAsync(await CallAsync("missed"));
        Assert.Equal("urgent", missed.Priority);
        Assert.Contains("\"callback\"", missed.Tags);
        var answered = await _kit.TicketAsync(await CallAsync("answered"));
        Assert.Equal("normal", answered.Priority);
    }

    [Fact]
    public async Task A_historical_twitter_import_runs_no_rules_unless_asked()
    {
        var token = RoutingKit.Token();
        await _kit.RuleAsync(new
        {
            name = "Tag imports " + token, trigger = "created",
            conditions = new[] { new { field = "content", op = "contains_any", values = new[] { token } } },
            actions = new[] { new { type = "add_tags", values = new[] { "ruled" } } },
        });
        var dbs = app.Services.GetRequiredService<Data.Store.TouchpointDbFactory>();
        async Task<(string Tags, long Tweet)> ImportAsync(bool runRules)
        {
            var id = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);
            var file = TestTemp.File("twcs.csv");
            await File.WriteAllTextAsync(file, ",tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n" +
                $"0,{id},cust{id},True,Tue Oct 31 22:10:47 +0000 2017,@NorthwindHome broken {token},,\n", Ct);
            try
            {
                var report = await new Data.Service.Channels.TwitterImport(dbs, TimeProvider.System, runRules).ImportFileAsync(file, null, Ct);
                Assert.Equal(1, report.Stored);
            }
            finally { File.Delete(file); }
            var external = $"twitter:{id}";
            var ticketId = await app.QueryAsync(db => db.TicketMessages.Where(m => m.ExternalId == external).Select(m => m.TicketId).SingleAsync(Ct));
            return ((await _kit.TicketAsync(ticketId)).Tags, id);
        }
        Assert.DoesNotContain("ruled", (await ImportAsync(runRules: false)).Tags);
        Assert.Contains("ruled", (await ImportAsync(runRules: true)).Tags);
    }
}

public sealed class RoutingChannelsOnSqlite(SqliteRoutingApp app) : RoutingChannelTests<SqliteRoutingApp>(app), IClassFixture<SqliteRoutingApp>;

public sealed class RoutingChannelsOnPostgres(PostgresRoutingApp app) : RoutingChannelTests<PostgresRoutingApp>(app), IClassFixture<PostgresRoutingApp>;
