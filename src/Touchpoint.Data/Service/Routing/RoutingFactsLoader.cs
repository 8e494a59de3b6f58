using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Data.Service.Routing;

/// <summary>Reads what the rules see of a ticket (<see cref="RoutingFacts"/>) from the store.</summary>
internal static class RoutingFactsLoader
{
    /// <param name="text">The message that set the rules off; null reads the ticket's first message.</param>
    /// <param name="mailboxId">The mailbox it arrived in when the channel knows it; null looks it up from the email envelopes.</param>
    public static async Task<RoutingFacts> LoadAsync(TouchpointDb db, Ticket ticket, string? text, long? mailboxId, CancellationToken ct)
    {
        var segment = await db.Customers.AsNoTracking().Where(c => c.Id == ticket.CustomerId).Select(c => c.Segment).FirstOrDefaultAsync(ct) ?? "";
        var fields = await db.TicketFieldValues.AsNoTracking().Where(v => v.TicketId == ticket.Id)
            .Join(db.CustomFields, v => v.FieldId, f => f.Id, (v, f) => new { f.Key, v.Value }).ToListAsync(ct);
        text ??= await db.TicketMessages.AsNoTracking().Where(m => m.TicketId == ticket.Id && !m.IsInternal)
            .OrderBy(m => m.CreatedAtUtc).ThenBy(m => m.Id).Select(m => m.Body).FirstOrDefaultAsync(ct) ?? "";
        mailboxId ??= ticket.Channel != "email" ? null : await db.Set<EmailDetail>().AsNoTracking()
            .Join(db.TicketMessages.Where(m => m.TicketId == ticket.Id), d => d.TicketMessageId, m => m.Id, (d, m) => d)
            .Where(d => d.MailboxId != null).OrderBy(d => d.TicketMessageId).Select(d => d.MailboxId).FirstOrDefaultAsync(ct);
        return new RoutingFacts
        {
            Channel = ticket.Channel, Segment = segment, Subject = ticket.Subject, Text = text, Priority = ticket.Priority, Status = ticket.Status,
            Tags = TicketTags.Read(ticket.TagsJson).ToHashSet(StringComparer.Ordinal), Fields = fields.ToDictionary(f => f.Key, f => f.Value),
            TeamId = ticket.TeamId, MailboxId = mailboxId,
        };
    }
}
