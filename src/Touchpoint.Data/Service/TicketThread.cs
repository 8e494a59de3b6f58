using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Service.Routing;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Data.Service;

/// <summary>A message arriving on a ticket, from any channel.</summary>
/// <param name="SkipRules">No routing rules for this message: a historical import is history, not an event, and rules
/// would route, tag and answer conversations that ended long ago.</param>
public sealed record IncomingMessage(
    AuthorKind Author,
    string Body,
    string Channel,
    DateTime AtUtc,
    long? AuthorUserId = null,
    string? BodyHtml = null,
    bool IsInternal = false,
    bool IsAutomatic = false,
    string? ExternalId = null,
    long? MailboxId = null,
    bool SkipRules = false);

/// <summary>What happened to an incoming message: stored on a ticket, or already stored (same channel id).</summary>
public sealed record ThreadResult(Ticket Ticket, TicketMessage Message, bool Duplicate);

/// <summary>
/// The one place where tickets and their messages are written, whatever the channel (API, email, chat, form, phone,
/// social): it applies <see cref="TicketWorkflow"/> (a customer reply reopens, a closed ticket gets a follow-up),
/// keeps the state history the metrics are computed from, keeps UpdatedAtUtc moving, and records every public
/// message as a touchpoint on the customer's timeline. Idempotent on (channel, external id): a message delivered
/// twice is stored once. Routing rules run here (<see cref="TicketRouting"/>) when a ticket is created and when the
/// customer writes again, so every channel is routed the same way. Callers own the transaction (one SaveChanges per
/// call keeps ids available).
/// </summary>
public static partial class TicketThread
{
    /// <param name="tags">Tags the ticket has from the start, so the "created" rules see them (a missed call's "callback").</param>
    public static async Task<ThreadResult> OpenAsync(TouchpointDb db, long customerId, string subject, TicketPriority priority,
        long? teamId, IncomingMessage first, string source, CancellationToken ct, IReadOnlyList<string>? tags = null)
    {
        if (await FindDuplicateAsync(db, first, ct) is { } dup) return dup;
        var ticket = new Ticket
        {
            Subject = subject, Channel = first.Channel, Priority = priority, CustomerId = customerId, TeamId = teamId,
            Status = TicketStatus.New, CreatedAtUtc = first.AtUtc, UpdatedAtUtc = first.AtUtc,
        };
        if (tags is { Count: > 0 }) ticket.TagsJson = System.Text.Json.JsonSerializer.Serialize(tags.Distinct().ToList());
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(ct);
        db.TicketStatusChanges.Add(new TicketStatusChange { TicketId = ticket.Id, To = TicketStatus.New, AtUtc = first.AtUtc, ByUserId = first.AuthorUserId });
        TouchpointRecorder.TicketCreated(db, ticket, source);
        var message = await AddMessageAsync(db, ticket, first, source, ct);
        await TicketRouting.RunEventAsync(db, ticket, RuleTriggers.Created, first, ct);
        return new ThreadResult(ticket, message, Duplicate: false);
    }

    /// <summary>
    /// Adds a message to a ticket and moves its status as the workflow says. A customer message on a closed ticket
    /// opens a follow-up ticket (returned in the result) that refers to the closed one in its subject.
    /// </summary>
    public static async Task<ThreadResult> AppendAsync(TouchpointDb db, Ticket ticket, IncomingMessage message, string source, CancellationToken ct)
    {
        if (await FindDuplicateAsync(db, message, ct) is { } dup) return dup;
        if (message.Author == AuthorKind.Customer && !message.IsInternal)
        {
            var next = TicketWorkflow.AfterCustomerMessage(ticket.Status);
            if (next is null)
                return await OpenAsync(db, ticket.CustomerId, $"Follow-up to #{ticket.Id}: {ticket.Subject}", ticket.Priority, ticket.TeamId, message, source, ct);
            Move(db, ticket, next.Value, message.AtUtc, null, source);
        }
        else if (message.Author == AuthorKind.Agent && !message.IsInternal && !message.IsAutomatic)
        {
            Move(db, ticket, TicketWorkflow.AfterAgentReply(ticket.Status), message.AtUtc, message.AuthorUserId, source);
        }
        var m = await AddMessageAsync(db, ticket, message, source, ct);
        if (message.Author == AuthorKind.Customer && !message.IsInternal && !message.IsAutomatic)
            await TicketRouting.RunEventAsync(db, ticket, RuleTriggers.CustomerReplied, message, ct);
        return new ThreadResult(ticket, m, Duplicate: false);
    }

    /// <summary>Moves a ticket as a person asked; returns why not when the workflow does not allow it.</summary>
    public static string? ChangeStatus(TouchpointDb db, Ticket ticket, TicketStatus to, DateTime atUtc, long? byUserId, string source)
    {
        if (ticket.Status == to) return null;
        if (!TicketWorkflow.CanMove(ticket.Status, to))
            return $"a {ticket.Status.Wire()} ticket cannot become {to.Wire()}; allowed: {string.Join(", ", TicketWorkflow.MovesFrom(ticket.Status).Select(s => s.Wire()))}";
        Move(db, ticket, to, atUtc, byUserId, source);
        return null;
    }

    private static void Move(TouchpointDb db, Ticket ticket, TicketStatus to, DateTime atUtc, long? byUserId, string source)
    {
        ticket.UpdatedAtUtc = atUtc > ticket.UpdatedAtUtc ? atUtc : ticket.UpdatedAtUtc;
        if (ticket.Status == to) return;
        db.TicketStatusChanges.Add(new TicketStatusChange { TicketId = ticket.Id, From = ticket.Status, To = to, AtUtc = atUtc, ByUserId = byUserId });
        Audit(db, ticket, atUtc, byUserId, source, "status", ticket.Status.Wire(), to.Wire());
        ticket.Status = to;
        if (to == TicketStatus.Solved)
        {
            ticket.SolvedAtUtc = atUtc;
            TouchpointRecorder.TicketSolved(db, ticket, atUtc, source);
        }
    }

    private static async Task<TicketMessage> AddMessageAsync(TouchpointDb db, Ticket ticket, IncomingMessage message, string source, CancellationToken ct)
    {
        var m = new TicketMessage
        {
            TicketId = ticket.Id, Author = message.Author, AuthorUserId = message.AuthorUserId, Body = message.Body, BodyHtml = message.BodyHtml,
            IsInternal = message.IsInternal, IsAutomatic = message.IsAutomatic, Channel = message.Channel, ExternalId = message.ExternalId,
            CreatedAtUtc = message.AtUtc,
        };
        db.TicketMessages.Add(m);
        ticket.UpdatedAtUtc = message.AtUtc > ticket.UpdatedAtUtc ? message.AtUtc : ticket.UpdatedAtUtc;
        await db.SaveChangesAsync(ct);
        // Internal notes are not touchpoints: the customer never saw them.
        if (!m.IsInternal)
        {
            TouchpointRecorder.TicketMessage(db, ticket, m, source);
            await db.SaveChangesAsync(ct);
        }
        return m;
    }

    private static async Task<ThreadResult?> FindDuplicateAsync(TouchpointDb db, IncomingMessage message, CancellationToken ct)
    {
        if (message.ExternalId is null) return null;
        var existing = await db.TicketMessages.FirstOrDefaultAsync(m => m.Channel == message.Channel && m.ExternalId == message.ExternalId, ct);
        if (existing is null) return null;
        var ticket = await db.Tickets.FirstAsync(t => t.Id == existing.TicketId, ct);
        return new ThreadResult(ticket, existing, Duplicate: true);
    }
}
