using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Data.Service.Channels.Chat;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Channels.Chat;
using Touchpoint.Web.Features.Service.Workspace;

namespace Touchpoint.Web.Features.Service.Channels.Chat;

/// <summary>
/// Carries agent replies to chat visitors. It listens to <see cref="TicketChangeNotifier"/>, which every write path
/// already tells (ticket page, API, macros, bulk), so no reply path needs to know about chat: when a chat ticket
/// changes, the visitor's group gets the conversation's lines, and a conversation left for an email follow-up gets each
/// new agent reply by email through <see cref="EmailOutbox"/>. A failed email leaves an internal note on the ticket.
/// It also follows the tickets' presence: while an agent writes a reply on a chat ticket, the visitor sees "agent is typing".
/// </summary>
public sealed class ChatRelay(TicketChangeNotifier notifier, TicketPresence presence, TouchpointDbFactory dbs, IHubContext<ChatHub> hub, EmailOutbox outbox,
    TimeProvider clock, ILogger<ChatRelay> log) : BackgroundService
{
    // The tickets whose visitors were last told "agent is typing", so presence changes that change nothing for them
    // (someone opens the ticket) send nothing.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _toldTyping = new();

    // Changes are queued and relayed one at a time: a bulk edit of 500 tickets must not open 500 connections at once,
    // and two quick changes of one ticket never mail the same reply twice.
    private readonly System.Threading.Channels.Channel<long> _changed = System.Threading.Channels.Channel.CreateUnbounded<long>(new() { SingleReader = true });

    public override Task StartAsync(CancellationToken ct)
    {
        notifier.Changed += OnChanged;
        presence.Changed += OnPresenceChanged;
        return base.StartAsync(ct);
    }

    public override Task StopAsync(CancellationToken ct)
    {
        notifier.Changed -= OnChanged;
        presence.Changed -= OnPresenceChanged;
        return base.StopAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var ticketId in _changed.Reader.ReadAllAsync(stoppingToken)) await RelayAsync(ticketId);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: lines not yet pushed are fetched by the widget when it reconnects.
        }
    }

    private void OnChanged(long ticketId) => _changed.Writer.TryWrite(ticketId);

    private void OnPresenceChanged(long ticketId)
    {
        var replying = presence.AnyoneReplying(ticketId);
        var changed = replying ? _toldTyping.TryAdd(ticketId, 0) : _toldTyping.TryRemove(ticketId, out _);
        if (changed) _ = TellTypingAsync(ticketId, replying);
    }

    /// <summary>Tells the visitors of a chat ticket whether an agent is writing to them; other tickets have no conversation and get nothing.</summary>
    private async Task TellTypingAsync(long ticketId, bool typing)
    {
        try
        {
            await using var db = dbs.Create();
            var visitors = await db.Set<ChatConversation>().AsNoTracking().Where(c => c.TicketId == ticketId).Select(c => c.VisitorKey).ToListAsync();
            foreach (var v in visitors) await hub.Clients.Group(ChatHub.Group(v)).SendAsync("typing", typing);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "Telling the chat visitor of ticket {TicketId} that an agent is typing failed", ticketId);
        }
    }

    /// <summary>Pushes the conversation's lines to its visitor and mails new replies of an after-hours conversation.</summary>
    private async Task RelayAsync(long ticketId)
    {
        try
        {
            await using var db = dbs.Create();
            var conversations = await db.Set<ChatConversation>().AsNoTracking().Where(c => c.TicketId == ticketId).ToListAsync();
            foreach (var c in conversations)
            {
                var lines = await ChatIntake.LinesAsync(db, c, 0, CancellationToken.None);
                await hub.Clients.Group(ChatHub.Group(c.VisitorKey)).SendAsync("lines", lines);
                if (c.FollowUpByEmail) await MailRepliesAsync(c.Id);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A notifier callback has no caller to throw to; the lines stay stored and the widget reloads them.
            log.LogError(e, "Relaying ticket {TicketId} to its chat visitor failed", ticketId);
        }
    }

    private async Task MailRepliesAsync(long conversationId)
    {
        await using var db = dbs.Create();
        var c = await db.Set<ChatConversation>().FirstAsync(x => x.Id == conversationId);
        var after = c.LastEmailedMessageId ?? 0;
        var replies = await db.TicketMessages.AsNoTracking()
            .Where(m => m.TicketId == c.TicketId && m.Id > after && !m.IsInternal && (m.Author == AuthorKind.Agent && !m.IsAutomatic || m.Author == AuthorKind.System && m.IsAutomatic) && m.Channel == ChatIntake.Channel)
            .OrderBy(m => m.Id).ToListAsync();
        foreach (var m in replies)
        {
            // Marked first: a reply is mailed at most once, and a failure is said once, in a note, not retried in a loop.
            c.LastEmailedMessageId = m.Id;
            await db.SaveChangesAsync();
            try
            {
                await outbox.MailStoredReplyAsync(m.Id, CancellationToken.None);
            }
            catch (EmailNotSentException e)
            {
                await NoteAsync(db, m.TicketId, $"The chat visitor was not emailed this reply: {e.Message}.");
            }
        }
    }

    private async Task NoteAsync(TouchpointDb db, long ticketId, string text)
    {
        var ticket = await db.Tickets.FirstAsync(t => t.Id == ticketId);
        await TicketThread.AppendAsync(db, ticket, new IncomingMessage(AuthorKind.System, text, ChatIntake.Channel, clock.GetUtcNow().UtcDateTime, IsInternal: true), "chat", CancellationToken.None);
        notifier.Notify(ticketId);
    }
}
