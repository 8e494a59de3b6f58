using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Service;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Testing;

namespace Touchpoint.Web.Tests;

/// <summary>Average handle time end to end: a logged call and the workspace timer's sessions, read back by the metrics API.</summary>
public abstract class HandleTimeApiTests<TApp>(TApp app, ManualClock clock) where TApp : TouchpointApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateTime At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>
    /// Mon 2 March: an answered inbound call 10:00-10:05 (300 s) by the signed-in admin; the ticket page open
    /// 10:03-10:10 (union with the call: 10:00-10:10 = 600 s); a tab that vanished after a heartbeat at 10:31,
    /// opened at 10:30 (60 s). Solved 11:00. AHT = 660 s over one ticket.
    /// </summary>
    [Fact]
    public async Task A_logged_call_and_workspace_sessions_add_up_to_the_handle_time()
    {
        // The manual clock sits in 2026, so a browser sign-in cookie would not fit it; an API key reads the metrics, and
        // the call is logged the way the phone API logs it for a signed-in agent.
        var admin = await app.ClientWithRoleAsync(Touchpoint.Domain.Access.Roles.Admin);
        var created = await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Hana Caller", email = $"hana.{Guid.NewGuid():N}@example.com" }, Ct);
        Assert.True(created.IsSuccessStatusCode, $"{created.StatusCode}: {await created.Content.ReadAsStringAsync(Ct)}");
        var customerId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        clock.Now = At(2, 10, 6);
        // A call logged by a system with no agent is no one's work: it adds no session.
        var anonymous = await admin.PostAsJsonAsync("/api/v1/channels/phone/calls", new
        {
            customerId, direction = "inbound", outcome = "answered", durationSeconds = 120, at = new DateTimeOffset(At(2, 9)),
        }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, anonymous.StatusCode);
        var anonymousTicket = (await anonymous.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("ticketId").GetInt64();

        await using (var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create())
        {
            var adminId = await db.Users.Where(u => u.NormalizedEmail == TouchpointApp.AdminEmail.ToUpperInvariant()).Select(u => u.Id).SingleAsync(Ct);
            Assert.False(await db.WorkSessions.AnyAsync(w => w.TicketId == anonymousTicket, Ct));
            var (thread, _) = await Touchpoint.Data.Service.Channels.ContactIntake.CallAsync(db, new Touchpoint.Data.Service.Channels.LoggedCall(
                customerId, Touchpoint.Domain.Service.Channels.CallDirection.Inbound, Touchpoint.Domain.Service.Channels.CallOutcome.Answered, 300, "",
                At(2, 10), adminId), Ct);
            var ticketId = thread.Ticket.Id;
            var callWork = await db.WorkSessions.SingleAsync(w => w.TicketId == ticketId, Ct);
            Assert.Equal((WorkSource.Call, adminId, At(2, 10), At(2, 10, 5)), (callWork.Source, callWork.UserId, callWork.StartedAtUtc, callWork.EndUtc));

            var open = await WorkSessions.StartAsync(db, ticketId, adminId, At(2, 10, 3), Ct);
            await WorkSessions.BeatAsync(db, open, At(2, 10, 8), Ct);
            await WorkSessions.EndAsync(db, open, At(2, 10, 10), "navigation", Ct);
            await WorkSessions.EndAsync(db, open, At(2, 12), "closed", Ct);   // a late second end must not stretch it
            var lost = await WorkSessions.StartAsync(db, ticketId, adminId, At(2, 10, 30), Ct);
            await WorkSessions.BeatAsync(db, lost, At(2, 10, 31), Ct);

            var t = await db.Tickets.SingleAsync(x => x.Id == ticketId, Ct);
            db.TicketStatusChanges.Add(new TicketStatusChange { TicketId = ticketId, From = t.Status, To = TicketStatus.Solved, AtUtc = At(2, 11) });
            (t.Status, t.SolvedAtUtc, t.UpdatedAtUtc) = (TicketStatus.Solved, At(2, 11), At(2, 11));
            await db.SaveChangesAsync(Ct);
        }

        clock.Now = At(9, 8);
        var report = await admin.GetFromJsonAsync<JsonElement>("/api/v1/service/metrics?from=2026-03-02&to=2026-03-09&groupBy=agent", Ct);
        var aht = report.GetProperty("current").GetProperty("total").GetProperty("handleTime");
        Assert.Equal(1, aht.GetProperty("count").GetInt32());
        Assert.Equal(660, aht.GetProperty("meanSeconds").GetDouble(), 6);
        var byAgent = report.GetProperty("current").GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("metrics").GetProperty("handleTime").GetProperty("count").GetInt32() > 0);
        Assert.Equal("Administrator", byAgent.GetProperty("label").GetString());

        var csv = (await admin.GetStringAsync("/api/v1/service/metrics.csv?from=2026-03-02&to=2026-03-09", Ct)).Split("\r\n");
        var header = csv[0].Split(',');
        var total = csv[1].Split(',');
        Assert.Equal("660", total[Array.IndexOf(header, "handle_time_mean_s")]);
    }
}

public sealed class HandleTimeApiOnSqlite(MetricsSqliteApp app) : HandleTimeApiTests<MetricsSqliteApp>(app, app.Clock), IClassFixture<MetricsSqliteApp>;

public sealed class HandleTimeApiOnPostgres(MetricsPostgresApp app) : HandleTimeApiTests<MetricsPostgresApp>(app, app.Clock), IClassFixture<MetricsPostgresApp>;
