using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Channels;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Channels;

/// <summary>An agent's decision about quarantined mail: release it into a ticket, or delete it.</summary>
public abstract class QuarantineReleaseTests<TApp>(TApp app) where TApp : ChannelsApp
{
    private async Task<long> QuarantinedAsync(string raw)
    {
        var result = await app.Services.GetRequiredService<EmailIntake>().ReceiveAsync(Encoding.UTF8.GetBytes(raw), null, null, Ct);
        return result.QuarantineId ?? throw new InvalidOperationException($"not quarantined: {result.Outcome}");
    }

    private async Task<T> QueryAsync<T>(Func<TouchpointDb, Task<T>> q)
    {
        await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
        return await q(db);
    }

    [Fact]
    public async Task A_message_without_a_sender_is_released_into_a_ticket_for_the_chosen_customer()
    {
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        var id = await QuarantinedAsync("Subject: Lost order " + Guid.NewGuid().ToString("N")[..6] + "\r\n\r\nWhere is my order 42?\r\n");
        var reason = await QueryAsync(db => db.Set<QuarantinedMessage>().Where(q => q.Id == id).Select(q => q.Reason).SingleAsync(Ct));
        Assert.StartsWith("no sender", reason);

        // No sender and no customer chosen: refused, naming the field, and the message stays where it is.
        var refused = await (await agent.PostAsync($"/api/v1/channels/quarantine/{id}/release", Json(new { }), Ct)).ProblemAsync(400);
        Assert.Contains("choose the customer", Assert.Single(refused.ErrorsFor("customerId")));
        var unknown = await (await agent.PostAsync($"/api/v1/channels/quarantine/{id}/release", Json(new { customerId = 987654321 }), Ct)).ProblemAsync(400);
        Assert.Single(unknown.ErrorsFor("customerId"));
        Assert.True(await QueryAsync(db => db.Set<QuarantinedMessage>().AnyAsync(q => q.Id == id, Ct)));

        var customer = await (await agent.PostAsync("/api/v1/customers", Json(new { name = "Quinn Held" }), Ct)).ReadJsonAsync();
        var customerId = customer.GetProperty("id").GetInt64();
        var released = await agent.PostAsync($"/api/v1/channels/quarantine/{id}/release", Json(new { customerId }), Ct);
        Assert.Equal(HttpStatusCode.Created, released.StatusCode);
        var ticket = await released.ReadJsonAsync();
        Assert.Equal(customerId, ticket.GetProperty("customerId").GetInt64());
        Assert.StartsWith("Lost order", ticket.GetProperty("subject").GetString());
        var messages = await QueryAsync(db => db.TicketMessages.Where(m => m.TicketId == ticket.GetProperty("id").GetInt64()).OrderBy(m => m.Id).ToListAsync(Ct));
        Assert.Equal("Where is my order 42?", messages[0].Body);
        Assert.Equal(AuthorKind.Customer, messages[0].Author);
        Assert.True(messages[1].IsInternal);
        Assert.Contains("no sender", messages[1].Body);
        Assert.False(await QueryAsync(db => db.Set<QuarantinedMessage>().AnyAsync(q => q.Id == id, Ct)));
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PostAsync($"/api/v1/channels/quarantine/{id}/release", Json(new { customerId }), Ct)).StatusCode);
    }

    [Fact]
    public async Task Deleting_removes_the_entry_and_its_raw_bytes_and_viewers_may_not()
    {
        var id = await QuarantinedAsync("Subject: Spam " + Guid.NewGuid().ToString("N") + "\r\n\r\nBuy now.\r\n");
        var path = await QueryAsync(db => db.Set<QuarantinedMessage>().Where(q => q.Id == id).Select(q => q.StoragePath).SingleAsync(Ct));
        var full = app.Services.GetRequiredService<ChannelFiles>().FullPath(path);
        Assert.True(File.Exists(full));

        var viewer = await app.ClientWithRoleAsync(Roles.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/v1/channels/quarantine/{id}", Ct)).StatusCode);
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.DeleteAsync($"/api/v1/channels/quarantine/{id}", Ct)).StatusCode);
        Assert.False(File.Exists(full));
        Assert.Equal(HttpStatusCode.NotFound, (await agent.DeleteAsync($"/api/v1/channels/quarantine/{id}", Ct)).StatusCode);
    }
}

public sealed class QuarantineReleaseOnSqlite(SqliteChannelsApp app) : QuarantineReleaseTests<SqliteChannelsApp>(app), IClassFixture<SqliteChannelsApp>;

public sealed class QuarantineReleaseOnPostgres(PostgresChannelsApp app) : QuarantineReleaseTests<PostgresChannelsApp>(app), IClassFixture<PostgresChannelsApp>;
