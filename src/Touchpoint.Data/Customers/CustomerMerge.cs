using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Domain.Service.Channels.Chat;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Customers;

/// <summary>
/// Folds one customer profile into another (an anonymous visitor who turns out to be a known customer): everything
/// that hangs off the profile moves to the survivor, nothing is deleted, and the old profile points at the survivor
/// (<see cref="Customer.MergedIntoId"/>) so lists skip it and old links still lead somewhere. The identities move too,
/// so later events sent under the anonymous id land on the survivor, and the merge is logged (customer_merges) for
/// followers such as the analytics mirror. Run inside the caller's transaction. The one merge of
/// profiles: live chat (ChatIntake) and the web snippet's identify (VisitorMerge) both come here.
/// </summary>
public static class CustomerMerge
{
    /// <returns>How many touchpoint events moved to the survivor.</returns>
    public static async Task<int> MergeAsync(TouchpointDb db, long fromId, long intoId, CancellationToken ct)
    {
        if (fromId == intoId) return 0;
        var moved = await db.Events.Where(e => e.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(e => e.CustomerId, intoId), ct);
        await db.Tickets.Where(t => t.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(t => t.CustomerId, intoId), ct);
        await db.CustomerIdentities.Where(i => i.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(i => i.CustomerId, intoId), ct);
        await db.SurveyResponses.Where(r => r.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerId, intoId), ct);
        await db.SurveyInvitations.Where(r => r.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerId, intoId), ct);
        await db.FollowUps.Where(r => r.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerId, intoId), ct);
        await db.Set<ChatConversation>().Where(c => c.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, intoId), ct);
        // A participant row is keyed by (ticket, customer): where the survivor is already on the ticket the old row is redundant.
        var survivorTickets = db.Set<TicketParticipant>().Where(p => p.CustomerId == intoId).Select(p => p.TicketId);
        await db.Set<TicketParticipant>().Where(p => p.CustomerId == fromId && survivorTickets.Contains(p.TicketId)).ExecuteDeleteAsync(ct);
        await db.Set<TicketParticipant>().Where(p => p.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(p => p.CustomerId, intoId), ct);
        await db.Customers.Where(c => c.Id == fromId).ExecuteUpdateAsync(s => s.SetProperty(c => c.MergedIntoId, intoId), ct);
        db.CustomerMerges.Add(new CustomerMergeEntry { FromId = fromId, IntoId = intoId, MergedAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync(ct);
        // Earlier merges into the old profile now point at the survivor, so a chain never has to be followed.
        await db.Customers.Where(c => c.MergedIntoId == fromId).ExecuteUpdateAsync(s => s.SetProperty(c => c.MergedIntoId, intoId), ct);
        db.ChangeTracker.Clear();
        return moved;
    }
}
