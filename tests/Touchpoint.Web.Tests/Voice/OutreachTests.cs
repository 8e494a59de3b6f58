using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Voice;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;
using static Touchpoint.Web.Tests.Voice.VoiceTestData;

namespace Touchpoint.Web.Tests.Voice;

/// <summary>Proactive outreach: templates, sends by trigger over real SMTP, the shared fatigue rules, unsubscribe, the timeline.</summary>
public abstract class OutreachTests<TApp>(TApp app) where TApp : VoiceMailApp
{
    private Task<T> QueryAsync<T>(Func<TouchpointDb, Task<T>> query) =>
        Task.Run(async () => { await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create(); return await query(db); });

    private async Task<long> TemplateAsync(HttpClient admin, string subject, string body)
    {
        var r = await admin.PostAsync("/api/v1/voice/templates", Json(new { name = Unique("Delayed"), subject, body }), Ct);
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync(Ct));
        return (await r.ReadJsonAsync()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task A_trigger_sends_the_template_by_email_with_placeholders_filled_and_a_touchpoint_on_the_timeline()
    {
        var admin = await AdminAsync(app);
        var template = await TemplateAsync(admin, "Your order {{event.order}} is late, {{first_name}}",
            "Hello {{name}},\nyour parcel is delayed by the carrier ({{event.carrier}}). We are on it.");
        var trigger = await admin.PostAsync("/api/v1/voice/triggers", Json(new { templateId = template, eventType = "delivery.delayed" }), Ct);
        Assert.True(trigger.StatusCode == HttpStatusCode.Created, await trigger.Content.ReadAsStringAsync(Ct));
        var (customer, external, email) = await CustomerAsync(admin, "Ana\r\nBcc: evil@spam.test Lopes");
        var ingest = await admin.PostAsync("/api/v1/events/batch", Json(new { events = new[] { new { id = Unique("e"), customerId = external, type = "delivery.delayed", channel = "web",
            occurredAt = app.Clock.Now.ToString("O"), properties = new { order = "A-1001", carrier = "DHL\nExpress" } } } }), Ct);
        Assert.Equal(1, (await ingest.ReadJsonAsync()).GetProperty("accepted").GetInt32());

        await app.Services.GetRequiredService<SurveyTriggers>().RunOnceAsync(Ct);
        await app.Services.GetRequiredService<OutboxSender>().SendPendingAsync(Ct);

        var mail = await app.Relay.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));
        Assert.Equal("Your order A-1001 is late, Ana", mail.Subject);
        Assert.Empty(mail.Bcc);
        Assert.Contains("Hello Ana  Bcc: evil@spam.test Lopes,", mail.TextBody); // the line break in the name became a space
        Assert.Contains("(DHL Express)", mail.TextBody);
        var link = Regex.Match(mail.TextBody ?? "", @"http://survey\.test(/u/[A-Za-z0-9_-]+)").Groups[1].Value;
        Assert.NotEmpty(link); // the footer adds the unsubscribe link the template left out
        var sends = await (await admin.GetAsync($"/api/v1/voice/outreach?customerId={customer}", Ct)).ReadJsonAsync();
        var sent = Assert.Single(sends.EnumerateArray());
        Assert.Equal("sent", sent.GetProperty("status").GetString());
        Assert.True(await QueryAsync(db => db.Events.AnyAsync(e => e.CustomerId == customer && e.Type == "outreach.sent" && e.RefId == sent.GetProperty("id").GetInt64(), Ct)));

        // A second pass sends nothing again.
        await app.Services.GetRequiredService<SurveyTriggers>().RunOnceAsync(Ct);
        Assert.Equal(1, await QueryAsync(db => db.Set<OutreachMessage>().CountAsync(m => m.CustomerId == customer, Ct)));

        // The unsubscribe link asks first, then holds every later survey and message back.
        var client = app.CreateClient();
        var page = await client.GetAsync(link, Ct);
        Assert.Contains("Do you want to stop receiving", await page.Content.ReadAsStringAsync(Ct));
        Assert.False(await QueryAsync(db => db.VoiceUnsubscribes.AnyAsync(u => u.CustomerId == customer, Ct)), "opening the link alone unsubscribes no one");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(link, null, Ct)).StatusCode);
        Assert.True(await QueryAsync(db => db.VoiceUnsubscribes.AnyAsync(u => u.CustomerId == customer, Ct)));
        var again = await (await admin.PostAsync($"/api/v1/voice/templates/{template}/send", Json(new { customerId = customer }), Ct)).ReadJsonAsync();
        Assert.Equal(("suppressed", "unsubscribed"), (again.GetProperty("status").GetString(), again.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Surveys_and_messages_share_one_contact_limit()
    {
        var admin = await AdminAsync(app);
        var template = await TemplateAsync(admin, "Welcome, {{first_name}}", "Welcome to Northwind Home.");
        var survey = await LiveSurveyAsync(admin, "nps");
        var (invitedFirst, _, _) = await CustomerAsync(admin, "Ivo Invited");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync($"/api/v1/surveys/{survey}/invitations", Json(new { customerId = invitedFirst }), Ct)).StatusCode);
        var held = await (await admin.PostAsync($"/api/v1/voice/templates/{template}/send", Json(new { customerId = invitedFirst }), Ct)).ReadJsonAsync();
        Assert.Equal("suppressed", held.GetProperty("status").GetString());
        Assert.StartsWith("contact limit", held.GetProperty("reason").GetString());

        var (messagedFirst, _, _) = await CustomerAsync(admin, "Mia Messaged");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync($"/api/v1/voice/templates/{template}/send", Json(new { customerId = messagedFirst }), Ct)).StatusCode);
        var invitation = await (await admin.PostAsync($"/api/v1/surveys/{survey}/invitations", Json(new { customerId = messagedFirst }), Ct)).ReadJsonAsync();
        Assert.Equal("suppressed", invitation.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Bad_templates_are_refused_naming_the_field_and_unknown_tokens_find_nothing()
    {
        var admin = await AdminAsync(app);
        async Task Refused(object body, string field)
        {
            var problem = await (await admin.PostAsync("/api/v1/voice/templates", Json(body), Ct)).ProblemAsync(400);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        await Refused(new { name = Unique("T"), subject = "Hi {{first_name}}", body = "Your code is {{password}}" }, "body");
        await Refused(new { name = Unique("T"), subject = "Hi\nBcc: x@y.test", body = "Hello" }, "subject");
        await Refused(new { name = Unique("T"), subject = "", body = "Hello" }, "subject");
        await Refused(new { name = "", subject = "Hi", body = "Hello" }, "name");
        await Refused(new { name = Unique("T"), subject = "Hi", body = new string('x', OutreachText.MaxBody + 1) }, "body");
        var name = Unique("Same");
        await TemplateAsync(admin, "Hi", "Hello");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/voice/templates", Json(new { name, subject = "A", body = "B" }), Ct)).StatusCode);
        await Refused(new { name, subject = "A", body = "B" }, "name");
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/u/not-a-token", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsync("/u/not-a-token", null, Ct)).StatusCode);
        var trigger = await admin.PostAsync("/api/v1/voice/triggers", Json(new { templateId = 999999, eventType = "x.y" }), Ct);
        Assert.True((await trigger.ProblemAsync(400)).GetProperty("errors").TryGetProperty("templateId", out _));
    }
}

public sealed class OutreachOnSqlite(SqliteVoiceMailApp app) : OutreachTests<SqliteVoiceMailApp>(app), IClassFixture<SqliteVoiceMailApp>;

public sealed class OutreachOnPostgres(PostgresVoiceMailApp app) : OutreachTests<PostgresVoiceMailApp>(app), IClassFixture<PostgresVoiceMailApp>;
