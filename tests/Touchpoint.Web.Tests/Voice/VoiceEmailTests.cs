using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Voice;
using Touchpoint.Web.Tests.Channels.Support;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;
using static Touchpoint.Web.Tests.Voice.VoiceTestData;

namespace Touchpoint.Web.Tests.Voice;

/// <summary>Survey invitations by real email: the outbox drained through the SMTP relay, retries, and CSAT in the ticket's thread.</summary>
public abstract class VoiceEmailTests<TApp>(TApp app) where TApp : VoiceMailApp
{
    private OutboxSender Outbox => app.Services.GetRequiredService<OutboxSender>();

    private async Task<T> QueryAsync<T>(Func<TouchpointDb, Task<T>> query)
    {
        await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
        return await query(db);
    }

    [Fact]
    public async Task An_email_invitation_arrives_over_smtp_and_its_personal_link_opens_the_survey()
    {
        var admin = await AdminAsync(app);
        var survey = await LiveSurveyAsync(admin, "nps", "How likely are you to recommend Northwind?");
        var (customer, _, email) = await CustomerAsync(admin, "Ines Email");
        var invited = await admin.PostAsync($"/api/v1/surveys/{survey}/invitations", Json(new { customerId = customer, channel = "email" }), Ct);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var invitationId = (await invited.ReadJsonAsync()).GetProperty("id").GetInt64();

        var pass = await Outbox.SendPendingAsync(Ct);
        Assert.True(pass.Sent >= 1);
        var mail = await app.Relay.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));
        Assert.Contains("How likely are you to recommend Northwind?", mail.TextBody);

        var stored = await QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.RefKind == "survey_invitation" && m.RefId == invitationId, Ct));
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.Equal(mail.MessageId, stored.MessageId);
        Assert.Equal(1, stored.Attempts);

        var page = await app.CreateClient().GetAsync(VoiceMailApp.LinkPath(mail), Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("How likely are you to recommend Northwind?", await page.Content.ReadAsStringAsync(Ct));
        var inv = await QueryAsync(db => db.SurveyInvitations.SingleAsync(i => i.Id == invitationId, Ct));
        Assert.Equal(app.Clock.Now.UtcDateTime, inv.DeliveredAtUtc);
        Assert.Equal(app.Clock.Now.UtcDateTime, inv.OpenedAtUtc);

        // A second pass sends nothing again.
        await Outbox.SendPendingAsync(Ct);
        await Task.Delay(200, Ct);
        Assert.Single(app.Relay.Received, r => r.Message.To.Mailboxes.Any(a => a.Address == email));
    }

    [Fact]
    public async Task A_relay_failure_is_kept_on_the_message_retried_with_backoff_and_failed_after_the_last_attempt()
    {
        var admin = await AdminAsync(app);
        var survey = await LiveSurveyAsync(admin, "csat", "How satisfied are you?");
        var (customer, _, email) = await CustomerAsync(admin, "Rui Retry");
        var invitationId = (await (await admin.PostAsync($"/api/v1/surveys/{survey}/invitations", Json(new { customerId = customer }), Ct)).ReadJsonAsync()).GetProperty("id").GetInt64();
        Task<OutboxMessage> Message() => QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.RefKind == "survey_invitation" && m.RefId == invitationId, Ct));

        // The same sender class, pointed at a port where no relay listens.
        var down = new OutboxSender(app.Services.GetRequiredService<TouchpointDbFactory>(), new RelaySender(new EmailRelay("127.0.0.1", LoopbackPort.Free(), "none")),
            new EmailSettings("voice.touchpoint.test"), app.Services.GetRequiredService<VoiceOptions>(), app.Clock, NullLogger<OutboxSender>.Instance);
        await down.SendPendingAsync(Ct);
        var m = await Message();
        Assert.Equal((OutboxStatus.Pending, 1), (m.Status, m.Attempts));
        Assert.Contains("relay", m.LastError);
        Assert.Equal(app.Clock.Now.UtcDateTime.AddMinutes(1), m.NextAttemptAtUtc);

        await down.SendPendingAsync(Ct); // not due yet: no attempt
        Assert.Equal(1, (await Message()).Attempts);

        app.Clock.Now = app.Clock.Now.AddMinutes(1);
        await Outbox.SendPendingAsync(Ct); // the relay is back
        m = await Message();
        Assert.Equal((OutboxStatus.Sent, 2), (m.Status, m.Attempts));
        await app.Relay.WaitForAsync(x => x.To.Mailboxes.Any(a => a.Address == email));

        var (other, _, _) = await CustomerAsync(admin, "Fay Fail");
        var otherInvitation = (await (await admin.PostAsync($"/api/v1/surveys/{survey}/invitations", Json(new { customerId = other }), Ct)).ReadJsonAsync()).GetProperty("id").GetInt64();
        for (var i = 0; i < OutboxSender.MaxAttempts; i++)
        {
            await down.SendPendingAsync(Ct);
            app.Clock.Now = app.Clock.Now.AddHours(2);
        }
        var failed = await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(x => x.RefKind == "survey_invitation" && x.RefId == otherInvitation, Ct));
        Assert.Equal((OutboxStatus.Failed, OutboxSender.MaxAttempts), (failed.Status, failed.Attempts));
        Assert.Contains("refused or failed", failed.LastError);
    }

    [Fact]
    public async Task Csat_after_an_email_ticket_is_solved_is_a_reply_in_its_thread_and_the_answer_lands_on_ticket_and_customer()
    {
        var admin = await AdminAsync(app);
        var support = $"help-{Guid.NewGuid():N}"[..13] + "@desk.test";
        var mailbox = await admin.PostAsync("/api/v1/channels/mailboxes", Json(new { name = "Northwind help", address = support, signature = "" }), Ct);
        Assert.Equal(HttpStatusCode.Created, mailbox.StatusCode);
        var survey = await LiveSurveyAsync(admin, "csat", "How satisfied are you with our help?");
        var trigger = await admin.PostAsync("/api/v1/voice/triggers", Json(new { surveyId = survey, eventType = "ticket.solved", delayHours = 0, channel = "ticket" }), Ct);
        Assert.True(trigger.StatusCode == HttpStatusCode.Created, await trigger.Content.ReadAsStringAsync(Ct));

        var from = $"tess.{Guid.NewGuid():N}"[..13] + "@customer.test";
        var first = new MimeMessage { Subject = "My lamp arrived broken", MessageId = $"{Guid.NewGuid():N}@customer.test" };
        first.From.Add(new MailboxAddress("Tess Thread", from));
        first.To.Add(MailboxAddress.Parse(support));
        first.Body = new TextPart("plain") { Text = "The lamp is broken, please help." };
        await app.ReceiveAsync(first, Ct);
        var ticket = await QueryAsync(db => db.TicketMessages.Where(m => m.ExternalId == first.MessageId).Select(m => new { m.TicketId }).SingleAsync(Ct));
        var customer = await QueryAsync(db => db.Tickets.Where(t => t.Id == ticket.TicketId).Select(t => t.CustomerId).SingleAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/tickets/{ticket.TicketId}/status", Json(new { status = "solved" }), Ct)).StatusCode);

        await app.Services.GetRequiredService<SurveyTriggers>().RunOnceAsync(Ct);
        await Outbox.SendPendingAsync(Ct);
        var mail = await app.Relay.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == from));
        Assert.Equal(first.MessageId, mail.InReplyTo);
        Assert.Contains(first.MessageId, mail.References);
        Assert.Contains($"[#{ticket.TicketId}]", mail.Subject);
        Assert.Equal(support, mail.From.Mailboxes.Single().Address);

        var token = VoiceMailApp.LinkPath(mail)["/s/".Length..];
        var answered = await app.CreateClient().PostAsync($"/api/v1/public/responses/{token}", Json(new { answers = new { csat = new { number = 5 } } }), Ct);
        Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync(Ct));
        var response = await QueryAsync(db => db.SurveyResponses.SingleAsync(r => r.Token == token, Ct));
        Assert.Equal((ticket.TicketId, customer, 5), (response.TicketId!.Value, response.CustomerId!.Value, response.Score!.Value));
        Assert.Equal("email", response.Channel);
    }

    [Fact]
    public async Task Response_rates_count_each_channels_invitations_through_sent_delivered_opened_and_answered()
    {
        var admin = await AdminAsync(app);
        var created = await admin.PostAsync("/api/v1/surveys", Json(new
        {
            name = Unique("Rates"), allowAnonymous = true,
            definition = new { languages = new[] { "en" }, questions = new object[] { new { id = "nps", type = "nps", required = true, text = new { en = "Recommend us?" } } } },
        }), Ct);
        var survey = (await created.ReadJsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/surveys/{survey}/publish", null, Ct)).StatusCode);
        var tokens = new List<string>();
        long first = 0;
        for (var i = 0; i < 3; i++)
        {
            var (customer, _, _) = await CustomerAsync(admin, $"Rate {i}");
            if (i == 0) first = customer;
            var personal = (await (await admin.PostAsync($"/api/v1/surveys/{survey}/invitations", Json(new { customerId = customer }), Ct)).ReadJsonAsync()).GetProperty("link").GetString()!;
            tokens.Add(personal[(personal.LastIndexOf('/') + 1)..]);
        }
        // Held back by the contact limit: counted as suppressed, never as sent.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/surveys/{survey}/invitations", Json(new { customerId = first }), Ct)).StatusCode);
        await Outbox.SendPendingAsync(Ct);
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/s/{tokens[0]}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/s/{tokens[1]}", Ct)).StatusCode);
        Assert.True((await anonymous.PostAsync($"/api/v1/public/responses/{tokens[0]}", Json(new { answers = new { nps = new { number = 9 } } }), Ct)).IsSuccessStatusCode);
        Assert.True((await anonymous.PostAsync($"/api/v1/public/surveys/{survey}/responses", Json(new { answers = new { nps = new { number = 3 } } }), Ct)).IsSuccessStatusCode);

        var report = await (await admin.GetAsync($"/api/v1/voice/response-rates?surveyId={survey}", Ct)).ReadJsonAsync();
        var channels = report.GetProperty("channels").EnumerateArray().ToDictionary(c => c.GetProperty("channel").GetString()!);
        Assert.Equal(["email", "link", "widget", "after-solve"], channels.Keys);
        var email = channels["email"];
        Assert.Equal((3, 3, 2, 1, 1), (email.GetProperty("sent").GetInt32(), email.GetProperty("delivered").GetInt32(), email.GetProperty("opened").GetInt32(),
            email.GetProperty("answered").GetInt32(), email.GetProperty("suppressed").GetInt32()));
        Assert.Equal(100.0 / 3, email.GetProperty("rate").GetProperty("value").GetDouble(), 6);
        var link = channels["link"];
        Assert.Equal((1, 1), (link.GetProperty("sent").GetInt32(), link.GetProperty("answered").GetInt32()));
        Assert.Equal(2, report.GetProperty("overall").GetProperty("answered").GetInt32());

        var bad = await admin.GetAsync("/api/v1/voice/response-rates?from=2026-03-02&to=2026-03-01", Ct);
        Assert.True((await bad.ProblemAsync(400)).GetProperty("errors").TryGetProperty("to", out _));
    }

    [Fact]
    public async Task Csat_after_a_phone_ticket_falls_back_to_email_outside_any_thread()
    {
        var admin = await AdminAsync(app);
        var survey = await LiveSurveyAsync(admin, "csat", "How was the call?");
        var trigger = await admin.PostAsync("/api/v1/voice/triggers", Json(new { surveyId = survey, eventType = "ticket.solved", channel = "ticket" }), Ct);
        Assert.Equal(HttpStatusCode.Created, trigger.StatusCode);
        var (customer, _, email) = await CustomerAsync(admin, "Pat Phone");
        var ticket = (await (await admin.PostAsync("/api/v1/tickets", Json(new { customerId = customer, subject = "Call about billing", message = "Called in.", channel = "phone" }), Ct))
            .ReadJsonAsync()).GetProperty("ticket").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/tickets/{ticket}/status", Json(new { status = "solved" }), Ct)).StatusCode);

        await app.Services.GetRequiredService<SurveyTriggers>().RunOnceAsync(Ct);
        await Outbox.SendPendingAsync(Ct);
        var mail = await app.Relay.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));
        Assert.Null(mail.InReplyTo);
        // Other tests' after-solve triggers fire too; the contact limit lets exactly one through.
        var inv = await QueryAsync(db => db.SurveyInvitations.SingleAsync(i => i.TicketId == ticket && i.Status == InvitationStatus.Sent, Ct));
        Assert.Equal(("email", InvitationStatus.Sent), (inv.Channel, inv.Status));
    }
}

public sealed class VoiceEmailOnSqlite(SqliteVoiceMailApp app) : VoiceEmailTests<SqliteVoiceMailApp>(app), IClassFixture<SqliteVoiceMailApp>;

public sealed class VoiceEmailOnPostgres(PostgresVoiceMailApp app) : VoiceEmailTests<PostgresVoiceMailApp>(app), IClassFixture<PostgresVoiceMailApp>;
