using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Domain.Access;
using Touchpoint.Web.Features.Service.Channels.Chat;
using Touchpoint.Web.Features.Service.Workspace;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Channels.Chat;

/// <summary>The hub pushes a conversation's lines to its own visitor and to nobody else.</summary>
public abstract class ChatHubTests<TApp>(TApp app) where TApp : ChatApp
{
    private async Task<(HubConnection Hub, ConcurrentQueue<string> Seen)> ListenAsync(string token)
    {
        var seen = new ConcurrentQueue<string>();
        // "typing" pushes are recorded as lines of their own, "typing:True" / "typing:False".
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/chat/hub?token=" + Uri.EscapeDataString(token)), o =>
            {
                // The in-memory test server speaks HTTP only: long polling through its handler.
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        hub.On<List<LineSeen>>("lines", lines => { foreach (var l in lines) seen.Enqueue(l.Text); });
        hub.On<bool>("typing", on => seen.Enqueue($"typing:{on}"));
        await hub.StartAsync(Ct);
        return (hub, seen);
    }

    [Fact]
    public async Task An_agent_reply_is_pushed_to_its_visitor_and_never_to_another()
    {
        var (ana, anaSession) = await app.VisitorAsync();
        var (bo, boSession) = await app.VisitorAsync();
        var line = await (await ana.SayAsync("Ana asks about her invoice")).ReadJsonAsync();
        await bo.SayAsync("Bo asks about a sofa");
        var (anaHub, anaSeen) = await ListenAsync(anaSession.GetProperty("token").GetString()!);
        var (boHub, boSeen) = await ListenAsync(boSession.GetProperty("token").GetString()!);
        await using (anaHub)
        await using (boHub)
        {
            var ticketId = await app.TicketOfAsync(line.GetProperty("id").GetInt64());
            var agent = await app.ClientWithRoleAsync(Roles.Agent);
            await agent.PostAsync($"/api/v1/tickets/{ticketId}/messages", Json(new { body = "Ana, your invoice is attached." }), Ct);
            for (var i = 0; i < 200 && !anaSeen.Contains("Ana, your invoice is attached."); i++) await Task.Delay(50, Ct);
            Assert.Contains("Ana, your invoice is attached.", anaSeen);
            Assert.Contains("Ana asks about her invoice", anaSeen);

            // Bo writes too, so his own push arrives: by then a leak of Ana's lines would have arrived as well.
            await bo.SayAsync("Still there?");
            for (var i = 0; i < 200 && !boSeen.Contains("Still there?"); i++) await Task.Delay(50, Ct);
            Assert.Contains("Still there?", boSeen);
            Assert.DoesNotContain(boSeen, t => t.Contains("Ana"));
        }
    }

    [Fact]
    public async Task Typing_is_told_both_ways_and_to_nobody_else()
    {
        var (ana, anaSession) = await app.VisitorAsync();
        var (bo, boSession) = await app.VisitorAsync();
        var line = await (await ana.SayAsync("Ana asks about delivery")).ReadJsonAsync();
        await bo.SayAsync("Bo asks about a lamp");
        var ticketId = await app.TicketOfAsync(line.GetProperty("id").GetInt64());
        var typing = app.Services.GetRequiredService<ChatTyping>();

        // The visitor's report needs the visitor's token, and shows on that ticket only, until the line arrives.
        await (await app.CreateClient().PostAsync("/chat/typing", null, Ct)).ProblemAsync(401);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await ana.PostAsync("/chat/typing", null, Ct)).StatusCode);
        Assert.True(typing.IsVisitorTyping(ticketId));
        await ana.SayAsync("It was due on Monday");
        Assert.False(typing.IsVisitorTyping(ticketId));

        // An agent writing a reply on Ana's ticket is told to Ana alone, and so is stopping.
        var (anaHub, anaSeen) = await ListenAsync(anaSession.GetProperty("token").GetString()!);
        var (boHub, boSeen) = await ListenAsync(boSession.GetProperty("token").GetString()!);
        await using (anaHub)
        await using (boHub)
        {
            var presence = app.Services.GetRequiredService<TicketPresence>();
            presence.Join(ticketId, "agent-tab", 1, "Agent");
            presence.SetActivity(ticketId, "agent-tab", PresenceActivity.Replying);
            for (var i = 0; i < 200 && !anaSeen.Contains("typing:True"); i++) await Task.Delay(50, Ct);
            Assert.Contains("typing:True", anaSeen);
            presence.SetActivity(ticketId, "agent-tab", PresenceActivity.Viewing);
            for (var i = 0; i < 200 && !anaSeen.Contains("typing:False"); i++) await Task.Delay(50, Ct);
            Assert.Contains("typing:False", anaSeen);
            presence.Leave(ticketId, "agent-tab");

            await bo.SayAsync("Hello?");
            for (var i = 0; i < 200 && !boSeen.Contains("Hello?"); i++) await Task.Delay(50, Ct);
            Assert.DoesNotContain(boSeen, t => t.StartsWith("typing", StringComparison.Ordinal));
        }
    }

    private sealed record LineSeen(long Id, string Author, string Text, DateTime At);
}

public sealed class ChatHubOnSqlite(SqliteChatApp app) : ChatHubTests<SqliteChatApp>(app), IClassFixture<SqliteChatApp>;

public sealed class ChatHubOnPostgres(PostgresChatApp app) : ChatHubTests<PostgresChatApp>(app), IClassFixture<PostgresChatApp>;
