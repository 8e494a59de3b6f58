using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;

namespace Touchpoint.Data.Service.Sla;

/// <summary>
/// What judging some tickets' SLA needs besides the policies: each one's history (thread and state changes) and its
/// customer's segment, in three queries whatever the count. Shared by the pages' SLA state and the escalation scan,
/// so both see a ticket the same way.
/// </summary>
public sealed class SlaInputs
{
    private readonly ILookup<long, TicketMessage> _messages;
    private readonly ILookup<long, TicketStatusChange> _changes;
    private readonly Dictionary<long, string> _segments;

    private SlaInputs(ILookup<long, TicketMessage> messages, ILookup<long, TicketStatusChange> changes, Dictionary<long, string> segments) =>
        (_messages, _changes, _segments) = (messages, changes, segments);

    /// <param name="needsHistory">Which tickets need their history (e.g. only open ones); null: all. The others get their segment only.</param>
    public static async Task<SlaInputs> LoadAsync(TouchpointDb db, IReadOnlyCollection<Ticket> tickets, Func<Ticket, bool>? needsHistory, CancellationToken ct)
    {
        var ids = tickets.Where(t => needsHistory?.Invoke(t) ?? true).Select(t => t.Id).ToList();
        var customerIds = tickets.Select(t => t.CustomerId).Distinct().ToList();
        return new SlaInputs(
            (await db.TicketMessages.AsNoTracking().Where(m => ids.Contains(m.TicketId)).ToListAsync(ct)).ToLookup(m => m.TicketId),
            (await db.TicketStatusChanges.AsNoTracking().Where(c => ids.Contains(c.TicketId)).ToListAsync(ct)).ToLookup(c => c.TicketId),
            await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Segment, ct));
    }

    public TicketHistory HistoryOf(Ticket t) => new(t, _messages[t.Id], _changes[t.Id]);

    public string SegmentOf(Ticket t) => _segments.GetValueOrDefault(t.CustomerId, "");
}
