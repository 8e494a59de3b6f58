using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Data.Service.Channels;

/// <summary>A phone call as staff or a telephony system logs it.</summary>
public sealed record LoggedCall(long CustomerId, CallDirection Direction, CallOutcome Outcome, int DurationSeconds, string Notes, DateTime AtUtc,
    long? AgentUserId, long? TicketId = null, DateTime? CallbackAtUtc = null, string PhoneNumber = "");

/// <summary>
/// The channels where a person writes the record: the public contact form, phone calls and in-person visits. Each
/// lands on a ticket through <see cref="TicketThread"/>, so every one is a touchpoint on the customer's timeline.
/// </summary>
public static class ContactIntake
{
    /// <summary>The contact form: the email names (or creates) the customer; the message opens a ticket.</summary>
    public static async Task<ThreadResult> FormAsync(TouchpointDb db, string name, string email, string subject, string message, DateTime nowUtc, CancellationToken ct)
    {
        var handle = new CustomerRef(IdentityKind.Email, CustomerIdentity.Normalise(IdentityKind.Email, email));
        var customerId = (await CustomerResolver.ResolveAsync(db, [handle], nowUtc, ct))[handle];
        var customer = await db.Customers.FirstAsync(c => c.Id == customerId, ct);
        if (customer.Name == handle.Value && name.Trim().Length > 0) customer.Name = Quarantine.Clip(ChannelText.Clean(name.Trim()), 300);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = await TicketThread.OpenAsync(db, customerId, Quarantine.Clip(ChannelText.Clean(subject.Trim()), 500), TicketPriority.Normal, null,
            new IncomingMessage(AuthorKind.Customer, ChannelText.Clean(message.Trim()), "form", nowUtc), "form", ct);
        await tx.CommitAsync(ct);
        return r;
    }

    /// <summary>
    /// A call: an inbound call is the customer reaching out (a customer message); answering it is the agent's response
    /// at the end of the call. A missed inbound call or voicemail owes a callback (<see cref="CallbackRule"/>): the
    /// ticket is tagged "callback" and the call carries the due time, listed until someone calls back.
    /// </summary>
    public static async Task<(ThreadResult Thread, PhoneCall Call)> CallAsync(TouchpointDb db, LoggedCall c, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var label = $"{(c.Direction == CallDirection.Inbound ? "Inbound" : "Outbound")} call, {c.Outcome.Wire().Replace('_', ' ')}, {c.DurationSeconds / 60} min {c.DurationSeconds % 60} s";
        var body = string.IsNullOrWhiteSpace(c.Notes) ? label : $"{label}\n\n{ChannelText.Clean(c.Notes.Trim())}";
        var first = new IncomingMessage(c.Direction == CallDirection.Inbound ? AuthorKind.Customer : AuthorKind.Agent, body, "phone", c.AtUtc,
            AuthorUserId: c.Direction == CallDirection.Outbound ? c.AgentUserId : null);
        // Tagged before the message is stored, so the rules the call sets off ("created", "customer replied") see it.
        var due = CallbackRule.DueAt(c.Direction, c.Outcome, c.AtUtc, c.CallbackAtUtc);
        ThreadResult r;
        if (c.TicketId is { } tid)
        {
            var existing = await db.Tickets.FirstAsync(t => t.Id == tid, ct);
            if (due is not null && existing.Status != TicketStatus.Closed) Tag(existing, CallbackRule.Tag);
            r = await TicketThread.AppendAsync(db, existing, first, "phone", ct);
        }
        else
            r = await TicketThread.OpenAsync(db, c.CustomerId, label, TicketPriority.Normal, null, first, "phone", ct, due is null ? null : [CallbackRule.Tag]);
        var callMessage = r.Message;
        if (c.Direction == CallDirection.Inbound && c.Outcome == CallOutcome.Answered)
            r = await TicketThread.AppendAsync(db, r.Ticket, new IncomingMessage(AuthorKind.Agent, "Answered on the phone.", "phone",
                c.AtUtc.AddSeconds(c.DurationSeconds), AuthorUserId: c.AgentUserId), "phone", ct);
        var call = new PhoneCall
        {
            TicketMessageId = callMessage.Id, TicketId = r.Ticket.Id, Direction = c.Direction, Outcome = c.Outcome, DurationSeconds = c.DurationSeconds,
            PhoneNumber = Quarantine.Clip(c.PhoneNumber, 50), CallbackDueAtUtc = due, AtUtc = c.AtUtc,
        };
        db.Set<PhoneCall>().Add(call);
        // Talking to the customer is handle time; a missed call has no agent on the line.
        if (c.AgentUserId is { } agent && c.DurationSeconds > 0 && c.Outcome != CallOutcome.Missed)
            db.WorkSessions.Add(WorkSessions.ForCall(r.Ticket.Id, agent, c.AtUtc, c.DurationSeconds));
        if (due is not null) Tag(r.Ticket, CallbackRule.Tag);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (r, call);
    }

    /// <summary>A visit in a shop or office: what the customer came for and, when served, what was done.</summary>
    public static async Task<ThreadResult> VisitAsync(TouchpointDb db, long customerId, string request, string? outcome, string? location, DateTime atUtc,
        long? agentUserId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var at = string.IsNullOrWhiteSpace(location) ? "" : $" at {location.Trim()}";
        var r = await TicketThread.OpenAsync(db, customerId, Quarantine.Clip($"Visit{at}: {ChannelText.Clean(request.Trim()).ReplaceLineEndings(" ")}", 500), TicketPriority.Normal, null,
            new IncomingMessage(AuthorKind.Customer, ChannelText.Clean(request.Trim()), "in_person", atUtc), "in_person", ct);
        if (!string.IsNullOrWhiteSpace(outcome))
            r = await TicketThread.AppendAsync(db, r.Ticket, new IncomingMessage(AuthorKind.Agent, ChannelText.Clean(outcome.Trim()), "in_person", atUtc, AuthorUserId: agentUserId), "in_person", ct);
        await tx.CommitAsync(ct);
        return r;
    }

    private static void Tag(Ticket t, string tag)
    {
        var tags = JsonSerializer.Deserialize<List<string>>(t.TagsJson) ?? [];
        if (tags.Contains(tag)) return;
        tags.Add(tag);
        t.TagsJson = JsonSerializer.Serialize(tags);
    }
}
