using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Service;
using Touchpoint.Testing;

namespace Touchpoint.Web.Tests;

/// <summary>A clock the test moves by hand, so response and resolution times are exact.</summary>
public sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed class MetricsSqliteApp : SqliteApp
{
    public ManualClock Clock { get; } = new();
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class MetricsPostgresApp : PostgresApp
{
    public ManualClock Clock { get; } = new();
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public abstract class ServiceMetricsApiTests<TApp>(TApp app, ManualClock clock) where TApp : TouchpointApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>
    /// Week of Mon 2 March 2026 (Lisbon is on UTC then):
    /// #A email, customer Mon 10:00, internal note 10:05, reply 10:20, solved 11:00: FRT 20 min, resolution 1 h, FCR.
    /// #B chat, customer Tue 10:00, reply 10:04, still open: FRT 4 min, in the backlog.
    /// #C email, customer Wed 10:00, never answered: due Wed 18:00 (8 business hours), a "no response" breach; backlog.
    /// </summary>
    [Fact]
    public async Task Metrics_of_tickets_made_through_the_api_match_the_hand_computed_figures()
    {
        var client = await app.ClientWithRoleAsync(Roles.Admin);
        var customer = await CustomerAsync(client);

        clock.Now = At(2, 10);
        var a = await OpenAsync(client, customer, "email");
        clock.Now = At(2, 10, 5);
        await ReplyAsync(client, a, internalNote: true);
        clock.Now = At(2, 10, 20);
        await ReplyAsync(client, a);
        await SolveAsync(a, At(2, 11));
        clock.Now = At(3, 10);
        var b = await OpenAsync(client, customer, "chat");
        clock.Now = At(3, 10, 4);
        await ReplyAsync(client, b);
        clock.Now = At(4, 10);
        await OpenAsync(client, customer, "email");

        clock.Now = At(9, 8);
        var report = await client.GetFromJsonAsync<JsonElement>("/api/v1/service/metrics?from=2026-03-02&to=2026-03-09&groupBy=channel", Ct);
        var total = report.GetProperty("current").GetProperty("total");
        Assert.Equal(3, total.GetProperty("ticketsCreated").GetInt32());
        Assert.Equal(1, total.GetProperty("ticketsResolved").GetInt32());
        Assert.Equal(2, total.GetProperty("backlogAtEnd").GetInt32());
        Assert.Equal(1, total.GetProperty("awaitingFirstResponseAtEnd").GetInt32());
        var frt = total.GetProperty("firstResponse");
        Assert.Equal(2, frt.GetProperty("count").GetInt32());
        Assert.Equal(12 * 60, frt.GetProperty("meanSeconds").GetDouble(), 6);   // (20 + 4) / 2 min
        Assert.Equal(3600, total.GetProperty("resolution").GetProperty("meanSeconds").GetDouble(), 6);
        Assert.Equal(1, total.GetProperty("firstContactResolution").GetProperty("numerator").GetInt32());
        Assert.Equal(100, total.GetProperty("firstContactResolution").GetProperty("percent").GetDouble(), 6);
        var sla = total.GetProperty("slaFirstResponse");
        Assert.Equal((2, 1, 1), (sla.GetProperty("met").GetInt32(), sla.GetProperty("breached").GetInt32(), sla.GetProperty("breachedWithoutResponse").GetInt32()));
        Assert.Equal(200.0 / 3, sla.GetProperty("percent").GetDouble(), 6);

        var groups = report.GetProperty("current").GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("key").GetString()!, g => g.GetProperty("metrics"));
        Assert.Equal(20 * 60, groups["email"].GetProperty("firstResponse").GetProperty("medianSeconds").GetDouble(), 6);
        Assert.Equal(4 * 60, groups["chat"].GetProperty("firstResponse").GetProperty("medianSeconds").GetDouble(), 6);
        Assert.Equal("2026-02-23T00:00:00Z", report.GetProperty("previous").GetProperty("from").GetDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        Assert.Equal(0, report.GetProperty("previous").GetProperty("total").GetProperty("ticketsCreated").GetInt32());

        var csv = await client.GetAsync("/api/v1/service/metrics.csv?from=2026-03-02&to=2026-03-09", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("period,from,to,group,tickets_created,tickets_resolved,backlog_at_end", lines[0]);
        Assert.StartsWith("current,2026-03-02T00:00:00Z,2026-03-09T00:00:00Z,all,3,1,2,1,2,720,720,", lines[1]);
        Assert.StartsWith("previous,2026-02-23T00:00:00Z,2026-03-02T00:00:00Z,all,0,0,0,0,0,,", lines[2]);
    }

    [Theory]
    [InlineData("groupBy=priority", "groupBy")]
    [InlineData("groupBy=3", "groupBy")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-03-02T10:00:00", "from")]
    [InlineData("from=2026-03-09&to=2026-03-02", "to")]
    [InlineData("from=2024-01-01&to=2026-01-01", "to")]
    public async Task Bad_parameters_are_a_400_problem_naming_the_field(string query, string field)
    {
        var client = await app.ClientWithRoleAsync(Roles.Viewer);
        foreach (var path in new[] { "/api/v1/service/metrics?", "/api/v1/service/metrics.csv?" })
        {
            var response = await client.GetAsync(path + query, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
    }

    private async Task<long> CustomerAsync(HttpClient client)
    {
        var r = await client.PostAsJsonAsync("/api/v1/customers", new { name = "Ana Metrics", email = $"ana.{Guid.NewGuid():N}@example.com", segment = "smb" }, Ct);
        r.EnsureSuccessStatusCode();
        return (await r.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
    }

    private static async Task<long> OpenAsync(HttpClient client, long customer, string channel)
    {
        var r = await client.PostAsJsonAsync("/api/v1/tickets", new { customerId = customer, subject = "Where is my order?", channel, message = "Hello?" }, Ct);
        r.EnsureSuccessStatusCode();
        return (await r.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("ticket").GetProperty("id").GetInt64();
    }

    private static async Task ReplyAsync(HttpClient client, long ticket, bool internalNote = false) =>
        (await client.PostAsJsonAsync($"/api/v1/tickets/{ticket}/messages", new { body = "On its way.", @internal = internalNote }, Ct)).EnsureSuccessStatusCode();

    /// <summary>The tickets API has no "solve" yet: record the state change as the desk would.</summary>
    private async Task SolveAsync(long id, DateTimeOffset at)
    {
        using var scope = app.Services.CreateScope();
        await using var db = scope.ServiceProvider.GetRequiredService<TouchpointDbFactory>().Create();
        var t = await db.Tickets.SingleAsync(x => x.Id == id, Ct);
        db.TicketStatusChanges.Add(new TicketStatusChange { TicketId = id, From = t.Status, To = TicketStatus.Solved, AtUtc = at.UtcDateTime });
        (t.Status, t.SolvedAtUtc, t.UpdatedAtUtc) = (TicketStatus.Solved, at.UtcDateTime, at.UtcDateTime);
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class ServiceMetricsApiOnSqlite(MetricsSqliteApp app) : ServiceMetricsApiTests<MetricsSqliteApp>(app, app.Clock), IClassFixture<MetricsSqliteApp>;

public sealed class ServiceMetricsApiOnPostgres(MetricsPostgresApp app) : ServiceMetricsApiTests<MetricsPostgresApp>(app, app.Clock), IClassFixture<MetricsPostgresApp>;

/// <summary>The demo company with 300 customers: its built-in contrasts show up in the metrics.</summary>
public sealed class DemoSqliteApp : SqliteApp
{
    protected override int DemoCustomers => 300;
}

public sealed class ServiceMetricsOnDemoData(DemoSqliteApp app) : IClassFixture<DemoSqliteApp>
{
    [Fact]
    public async Task The_demo_company_answers_chat_faster_than_email_and_has_plausible_figures()
    {
        var client = await app.ClientWithRoleAsync(Roles.Analyst);
        var report = await client.GetFromJsonAsync<JsonElement>("/api/v1/service/metrics?from=2026-01-01&to=2026-11-01&groupBy=channel", TestContext.Current.CancellationToken);
        var total = report.GetProperty("current").GetProperty("total");
        Assert.True(total.GetProperty("firstResponse").GetProperty("count").GetInt32() > 20);
        Assert.True(total.GetProperty("ticketsResolved").GetInt32() > 20);
        Assert.True(total.GetProperty("slaFirstResponse").GetProperty("breached").GetInt32() > 0);   // the demo's long waits
        Assert.True(total.GetProperty("csat").GetProperty("denominator").GetInt32() > 0);
        // Demo work sessions: a few minutes behind each reply and the solve, so AHT sits between minutes and an hour.
        var aht = total.GetProperty("handleTime");
        Assert.True(aht.GetProperty("count").GetInt32() > 20);
        Assert.InRange(aht.GetProperty("meanSeconds").GetDouble(), 3 * 60, 60 * 60);
        var fcr = total.GetProperty("firstContactResolution").GetProperty("percent").GetDouble();
        Assert.InRange(fcr, 1, 99);
        var groups = report.GetProperty("current").GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("key").GetString()!, g => g.GetProperty("metrics").GetProperty("firstResponse").GetProperty("medianSeconds").GetDouble());
        // Demo: chat answers in 1-15 min (5% long waits), email in 20 min-8 h (20% long waits).
        Assert.True(groups["chat"] < 15 * 60, $"chat median {groups["chat"]} s");
        Assert.True(groups["chat"] < groups["email"], $"chat {groups["chat"]} s vs email {groups["email"]} s");
    }
}
