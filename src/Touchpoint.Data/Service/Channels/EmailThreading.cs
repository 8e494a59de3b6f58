using Microsoft.EntityFrameworkCore;
using MimeKit;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Data.Service.Channels;

/// <summary>
/// Finds the ticket an email belongs to: first by the ids it answers (In-Reply-To, then References, newest first),
/// then by a "[#123]" reference in the subject. A subject reference is trusted only when the sender is the ticket's
/// customer or a participant, so a stranger cannot write into someone else's ticket by guessing a number.
/// </summary>
public static class EmailThreading
{
    public static async Task<Ticket?> FindAsync(TouchpointDb db, MimeMessage message, long senderCustomerId, CancellationToken ct)
    {
        var ids = new List<string>();
        if (!string.IsNullOrWhiteSpace(message.InReplyTo)) ids.Add(message.InReplyTo);
        ids.AddRange(message.References.Reverse());
        ids = ids.Distinct().Take(50).ToList();
        if (ids.Count > 0)
        {
            var hits = await db.TicketMessages.AsNoTracking()
                .Where(m => m.Channel == EmailIntake.Channel && m.ExternalId != null && ids.Contains(m.ExternalId))
                .Select(m => new { m.ExternalId, m.TicketId }).ToListAsync(ct);
            foreach (var id in ids)
                if (hits.FirstOrDefault(h => h.ExternalId == id) is { } hit)
                    return await Surviving(db, hit.TicketId, ct);
        }
        if (TicketReference.Find(message.Subject) is { } reference)
        {
            var ticket = await Surviving(db, reference, ct);
            if (ticket is not null && (ticket.CustomerId == senderCustomerId
                || await db.Set<TicketParticipant>().AnyAsync(p => p.TicketId == ticket.Id && p.CustomerId == senderCustomerId, ct)))
                return ticket;
        }
        return null;
    }

    /// <summary>A merged ticket's mail goes to the ticket it was merged into.</summary>
    private static async Task<Ticket?> Surviving(TouchpointDb db, long id, CancellationToken ct)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            var t = await db.Tickets.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (t?.MergedIntoId is not { } next) return t;
            id = next;
        }
        return null;
    }
}
