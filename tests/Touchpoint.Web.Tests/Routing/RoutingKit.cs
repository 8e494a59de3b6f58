using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Access;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Routing;

/// <summary>Set-up shared by the routing tests: teams, agents, rules and tickets through the API or the store.</summary>
public sealed class RoutingKit(TouchpointApp app)
{
    public static string Token() => "tok" + Guid.NewGuid().ToString("N")[..8];

    public Task<HttpClient> AdminAsync() => app.ClientWithRoleAsync(Roles.Admin);

    public Task<long> AgentAsync(string name, string role = Roles.Agent) => app.QueryAsync(async db =>
    {
        var email = $"{Guid.NewGuid():N}@agents.test";
        var user = new AppUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(), DisplayName = name, Role = role, CreatedAtUtc = DateTime.UtcNow };
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return user.Id;
    });

    public async Task<long> TeamAsync(string name, params long[] members)
    {
        var admin = await AdminAsync();
        var team = await (await admin.PostAsync("/api/v1/teams", Json(new { name = name + " " + Guid.NewGuid().ToString("N")[..6], memberIds = members }), Ct)).ReadJsonAsync();
        return team.GetProperty("id").GetInt64();
    }

    public async Task<long> RuleAsync(object rule)
    {
        var admin = await AdminAsync();
        var response = await admin.PostAsync("/api/v1/routing-rules", Json(rule), Ct);
        var body = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    public async Task SetRoutingAsync(long userId, object profile)
    {
        var admin = await AdminAsync();
        var response = await admin.PutAsync($"/api/v1/users/{userId}/routing", Json(profile), Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    public async Task<long> CustomerAsync(string name = "Routed customer", string? segment = null)
    {
        var admin = await AdminAsync();
        var c = await (await admin.PostAsync("/api/v1/customers", Json(new { name, segment }), Ct)).ReadJsonAsync();
        return c.GetProperty("id").GetInt64();
    }

    /// <summary>A ticket opened through the API (channel api); returns the detail after the rules ran.</summary>
    public async Task<JsonElement> ApiTicketAsync(string subject, string message, long? customerId = null)
    {
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        var response = await agent.PostAsync("/api/v1/tickets", Json(new { customerId = customerId ?? await CustomerAsync(), subject, message }), Ct);
        return (await response.ReadJsonAsync()).GetProperty("ticket");
    }

    public Task<(long? Team, long? Assignee, string Tags, string Priority, string Status)> TicketAsync(long id) => app.QueryAsync(async db =>
    {
        var t = await db.Tickets.AsNoTracking().SingleAsync(x => x.Id == id, Ct);
        return (t.TeamId, t.AssigneeId, t.TagsJson, t.Priority.ToString().ToLowerInvariant(), t.Status.ToString().ToLowerInvariant());
    });

    public Task<List<string>> RuleAuditAsync(long ticketId) => app.QueryAsync(db =>
        db.TicketAudit.AsNoTracking().Where(a => a.TicketId == ticketId && a.Property == "rule").OrderBy(a => a.Id).Select(a => a.Source + " " + a.NewValue).ToListAsync(Ct));
}
