using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Access;
using Touchpoint.Data.Service.Sla;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using Touchpoint.Web.Features.Service.Sla;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Sla;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The app with its background SLA pass off: the tests run single passes at the times they choose.</summary>
public sealed class SlaSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Touchpoint:Sla:ScanSeconds", "0");
    }
}

public sealed class SlaPostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Touchpoint:Sla:ScanSeconds", "0");
    }
}

/// <summary>
/// The escalation scanner on both stores, driven by single passes at chosen instants. Each "host" is a fresh app
/// (new service container, new scanner) over the same store, as after a restart. Monday 2 March 2026 in Lisbon
/// (UTC then), office hours 09:00-18:00. Policy "Enterprise high": first response 60 min, resolution 480 min,
/// warning at 50 % (30 min) notifying the assignee; on breach notify, raise priority, move to Tier 2, tag.
/// </summary>
public abstract class SlaEscalationTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private static readonly DateTimeOffset Monday10 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private (WebApplicationFactory<Program> Host, ManualTime Time) Host(DateTimeOffset now)
    {
        var time = new ManualTime(now);
        var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(time)));
        return (host, time);
    }

    private async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> host, string role)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateApiKeyAsync(role));
        return client;
    }

    private static Task<IReadOnlyList<Domain.Service.Sla.SlaAlertRecord>> ScanAsync(WebApplicationFactory<Program> host) =>
        host.Services.GetRequiredService<SlaEscalationService>().ScanOnceAsync(Ct);

    [Fact]
    public async Task Warnings_and_breaches_fire_once_with_their_actions_survive_restarts_and_spare_tickets_answered_in_time()
    {
        var tag = "sla-" + Guid.NewGuid().ToString("N")[..6];
        var (teamId, agentId) = await app.QueryAsync(async db =>
        {
            var team = new Team { Name = "Tier 2 " + tag, CreatedAtUtc = DateTime.UtcNow };
            db.Teams.Add(team);
            var email = $"{tag}@agents.test";
            var agent = new AppUser { UserName = email, Email = email, DisplayName = "Ana Escalada", Role = Roles.Agent, CreatedAtUtc = DateTime.UtcNow };
            db.Users.Add(agent);
            await db.SaveChangesAsync(Ct);
            return (team.Id, agent.Id);
        });

        var (first, time) = Host(Monday10);
        var admin = await ClientAsync(first, Roles.Admin);
        var policy = await admin.PostAsync("/api/v1/sla-policies", Json(new
        {
            name = "Enterprise high " + tag,
            // Urgent too: the breach raises the priority, and a ticket follows its fields into whichever policy matches.
            conditions = new { segments = new[] { "enterprise" }, priorities = new[] { "high", "urgent" } },
            targets = new Dictionary<string, object> { ["high"] = new { firstResponse = 60, resolution = 480 }, ["urgent"] = new { firstResponse = 60, resolution = 480 } },
            warning = new { percent = 50 },
            onWarning = new { notify = true },
            onBreach = new { notify = true, raisePriority = true, teamId, addTag = tag },
        }), Ct);
        Assert.Equal(HttpStatusCode.Created, policy.StatusCode);
        var policyId = (await policy.ReadJsonAsync()).GetProperty("id").GetInt64();
        // First in order, so the default does not win.
        var ids = (await (await admin.GetAsync("/api/v1/sla-policies", Ct)).ReadJsonAsync()).EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/v1/sla-policies/order", Json(new { ids = ids.Where(i => i != policyId).Prepend(policyId) }), Ct)).StatusCode);

        var agent = await ClientAsync(first, Roles.Agent);
        var customer = (await (await agent.PostAsync("/api/v1/customers", Json(new { name = "Big Corp", segment = "enterprise" }), Ct)).ReadJsonAsync()).GetProperty("id").GetInt64();
        async Task<long> TicketAsync(string subject)
        {
            var t = await (await agent.PostAsync("/api/v1/tickets", Json(new { customerId = customer, subject, message = "Down!", channel = "email", priority = "high" }), Ct)).ReadJsonAsync();
            var id = t.GetProperty("ticket").GetProperty("id").GetInt64();
            Assert.Equal(HttpStatusCode.OK, (await agent.PatchAsync($"/api/v1/tickets/{id}", Json(new { assigneeId = agentId }), Ct)).StatusCode);
            return id;
        }
        var late = await TicketAsync("Nobody answers");
        var saved = await TicketAsync("Answered after due, before the scan");

        time.Now = Monday10.AddMinutes(20);
        Assert.Empty(await ScanAsync(first));

        time.Now = Monday10.AddMinutes(31);
        var warnings = await ScanAsync(first);
        Assert.Equal([(late, "warning", "first_response"), (saved, "warning", "first_response")],
            warnings.Select(w => (w.TicketId, w.Kind, w.Target)).Order().ToList());
        Assert.All(warnings, w => Assert.Equal($",{agentId},", w.NotifiedUserIds));
        Assert.Empty(await ScanAsync(first)); // same instant, same store: nothing twice

        // The second ticket is answered at 11:02, after its 11:00 due time but before any scan saw it overdue.
        time.Now = Monday10.AddMinutes(62);
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsync($"/api/v1/tickets/{saved}/messages", Json(new { body = "On it." }), Ct)).StatusCode);
        await first.DisposeAsync();

        // A restart: a fresh app over the same store, at 11:05.
        var (second, _) = Host(Monday10.AddMinutes(65));
        var breaches = await ScanAsync(second);
        var breach = Assert.Single(breaches);
        Assert.Equal((late, "breach", "first_response"), (breach.TicketId, breach.Kind, breach.Target));
        Assert.Contains("priority high → urgent", breach.Actions);
        Assert.Contains("tag " + tag, breach.Actions);
        Assert.Empty(await ScanAsync(second));

        var reader = await ClientAsync(second, Roles.Viewer);
        var detail = await (await reader.GetAsync($"/api/v1/tickets/{late}", Ct)).ReadJsonAsync();
        var ticket = detail.GetProperty("ticket");
        Assert.Equal("urgent", ticket.GetProperty("priority").GetString());
        Assert.Equal(teamId, ticket.GetProperty("teamId").GetInt64());
        Assert.Contains(tag, detail.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var audit = detail.GetProperty("audit").EnumerateArray().Select(a => (a.GetProperty("property").GetString(), a.GetProperty("source").GetString())).ToList();
        Assert.Contains(("sla_warning", "sla"), audit);
        Assert.Contains(("sla_breach", "sla"), audit);
        Assert.Contains(("priority", "sla"), audit);
        var sla = detail.GetProperty("sla");
        Assert.Equal("breached", sla.GetProperty("phase").GetString());
        Assert.Equal("Enterprise high " + tag, sla.GetProperty("policy").GetString());
        Assert.Equal("breach", sla.GetProperty("lastAlert").GetProperty("kind").GetString());

        // The in-app notification: the agent's own alerts.
        var mine = await (await reader.GetAsync($"/api/v1/sla-alerts?userId={agentId}", Ct)).ReadJsonAsync();
        Assert.Equal(3, mine.EnumerateArray().Count(a => a.GetProperty("ticketId").GetInt64() is var t && (t == late || t == saved)));
        var keyHasNoInbox = await (await reader.GetAsync("/api/v1/sla-alerts?mine=true", Ct)).ProblemAsync(400);
        Assert.Contains(keyHasNoInbox.ErrorsFor("mine"), m => m.Contains("acts for nobody"));
        await second.DisposeAsync();

        // Another restart, later the same day: nothing repeats, and the answered ticket never escalated.
        var (third, _) = Host(Monday10.AddHours(3));
        Assert.DoesNotContain(await ScanAsync(third), a => a.TicketId == late && a.Clock == "first_response");
        var rows = await app.QueryAsync(db => db.SlaAlerts().Where(a => a.TicketId == late || a.TicketId == saved)
            .Select(a => new { a.TicketId, a.Kind, a.Clock }).ToListAsync(Ct));
        Assert.Equal(3, rows.Count(r => r.Clock == "first_response"));
        Assert.DoesNotContain(rows, r => r.TicketId == saved && r.Kind == "breach");
        await third.DisposeAsync();
    }

    // Tuesday 3 March, a day no other test here uses, so the day's report holds this test's ticket only.
    [Fact]
    public async Task The_metrics_judge_a_ticket_by_its_matching_policy_and_follow_a_change_of_order()
    {
        var tuesday10 = Monday10.AddDays(1);
        var (host, time) = Host(tuesday10);
        var admin = await ClientAsync(host, Roles.Admin);
        var created = await admin.PostAsync("/api/v1/sla-policies", Json(new
        {
            name = "Tight smb " + Guid.NewGuid().ToString("N")[..6],
            conditions = new { segments = new[] { "smb" } },
            targets = new Dictionary<string, object> { ["normal"] = new { firstResponse = 5, resolution = 960 } },
        }), Ct);
        var tight = (await created.ReadJsonAsync()).GetProperty("id").GetInt64();
        var others = (await (await admin.GetAsync("/api/v1/sla-policies", Ct)).ReadJsonAsync()).EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).Where(i => i != tight).ToList();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/v1/sla-policies/order", Json(new { ids = others.Prepend(tight) }), Ct)).StatusCode);

        var agent = await ClientAsync(host, Roles.Agent);
        var customer = (await (await agent.PostAsync("/api/v1/customers", Json(new { name = "Small Shop", segment = "smb" }), Ct)).ReadJsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsync("/api/v1/tickets", Json(new { customerId = customer, subject = "Invoice", message = "Wrong VAT.", channel = "email" }), Ct)).StatusCode);

        time.Now = tuesday10.AddMinutes(30);
        async Task<int> BreachedAsync() => (await (await agent.GetAsync("/api/v1/service/metrics?from=2026-03-03&to=2026-03-04", Ct)).ReadJsonAsync())
            .GetProperty("current").GetProperty("total").GetProperty("slaFirstResponse").GetProperty("breached").GetInt32();
        Assert.Equal(1, await BreachedAsync()); // 5 minutes, passed at 10:05
        // The default first: 8 hours for a normal ticket, not due at 10:30. The same history, judged again.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/v1/sla-policies/order", Json(new { ids = others.Append(tight) }), Ct)).StatusCode);
        Assert.Equal(0, await BreachedAsync());
        await host.DisposeAsync();
    }

    // Wednesday 4 March. Two apps on one store read what is owed before either fires (the race made certain):
    // the unique key lets one of them fire, and the other's actions are rolled back.
    [Fact]
    public async Task Two_scanners_on_one_store_fire_an_alert_and_its_actions_once()
    {
        var wednesday10 = Monday10.AddDays(2);
        var tag = "race-" + Guid.NewGuid().ToString("N")[..6];
        var (one, timeOne) = Host(wednesday10);
        var (two, timeTwo) = Host(wednesday10);
        var admin = await ClientAsync(one, Roles.Admin);
        var created = await admin.PostAsync("/api/v1/sla-policies", Json(new
        {
            name = "Chat " + tag,
            conditions = new { channels = new[] { "chat" } },
            targets = new Dictionary<string, object> { ["normal"] = new { firstResponse = 10 } },
            onBreach = new { notify = true, addTag = tag },
        }), Ct);
        var policyId = (await created.ReadJsonAsync()).GetProperty("id").GetInt64();
        var others = (await (await admin.GetAsync("/api/v1/sla-policies", Ct)).ReadJsonAsync()).EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).Where(i => i != policyId);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/v1/sla-policies/order", Json(new { ids = others.Prepend(policyId) }), Ct)).StatusCode);
        var agent = await ClientAsync(one, Roles.Agent);
        var customer = (await (await agent.PostAsync("/api/v1/customers", Json(new { name = "Chatty Chen" }), Ct)).ReadJsonAsync()).GetProperty("id").GetInt64();
        var id = (await (await agent.PostAsync("/api/v1/tickets", Json(new { customerId = customer, subject = "Hello?", message = "Anyone?", channel = "chat" }), Ct)).ReadJsonAsync())
            .GetProperty("ticket").GetProperty("id").GetInt64();

        timeOne.Now = timeTwo.Now = wednesday10.AddMinutes(30);
        var now = wednesday10.AddMinutes(30).UtcDateTime;
        async Task<OwedAlert> OwedAsync(WebApplicationFactory<Program> host)
        {
            var calendar = host.Services.GetRequiredService<Touchpoint.Web.Features.Service.Workspace.ServiceClock>().Calendar;
            var (owed, _) = await SlaEscalation.OwedAsync(host.Services.GetRequiredService<TouchpointDbFactory>(), calendar, now, id - 1, Ct);
            return Assert.Single(owed, o => o.TicketId == id);
        }
        var (owedOne, owedTwo) = (await OwedAsync(one), await OwedAsync(two));
        Assert.NotNull(await SlaEscalation.FireAsync(one.Services.GetRequiredService<TouchpointDbFactory>(), owedOne, now, Ct));
        Assert.Null(await SlaEscalation.FireAsync(two.Services.GetRequiredService<TouchpointDbFactory>(), owedTwo, now, Ct));
        // And a whole pass of either finds nothing left for this ticket.
        Assert.DoesNotContain(await ScanAsync(two), a => a.TicketId == id);
        var (rows, audits, tags) = await app.QueryAsync(async db => (
            await db.SlaAlerts().CountAsync(a => a.TicketId == id && a.Clock == "first_response", Ct),
            await db.TicketAudit.CountAsync(a => a.TicketId == id && a.Property == "sla_breach", Ct),
            await db.TicketAudit.CountAsync(a => a.TicketId == id && a.Property == "tags", Ct)));
        Assert.Equal((1, 1, 1), (rows, audits, tags));
        await one.DisposeAsync();
        await two.DisposeAsync();
    }

    [Fact]
    public async Task A_paused_ticket_never_escalates_however_late_the_scan()
    {
        var (host, time) = Host(Monday10);
        var agent = await ClientAsync(host, Roles.Agent);
        var customer = (await (await agent.PostAsync("/api/v1/customers", Json(new { name = "Patient Pat" }), Ct)).ReadJsonAsync()).GetProperty("id").GetInt64();
        var id = (await (await agent.PostAsync("/api/v1/tickets", Json(new { customerId = customer, subject = "Question", message = "?", channel = "email", priority = "urgent" }), Ct)).ReadJsonAsync())
            .GetProperty("ticket").GetProperty("id").GetInt64();
        time.Now = Monday10.AddMinutes(5);
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsync($"/api/v1/tickets/{id}/messages", Json(new { body = "Which order?" }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsync($"/api/v1/tickets/{id}/status", Json(new { status = "pending" }), Ct)).StatusCode);
        time.Now = Monday10.AddDays(30);
        Assert.DoesNotContain(await ScanAsync(host), a => a.TicketId == id);
        await host.DisposeAsync();
    }
}

public sealed class SlaEscalationOnSqlite(SlaSqliteApp app) : SlaEscalationTests<SlaSqliteApp>(app), IClassFixture<SlaSqliteApp>;

public sealed class SlaEscalationOnPostgres(SlaPostgresApp app) : SlaEscalationTests<SlaPostgresApp>(app), IClassFixture<SlaPostgresApp>;
