using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Sla;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Domain.Service.Sla;
using Touchpoint.Web.Features.Service.Workspace;

namespace Touchpoint.Web.Features.Service.Sla;

/// <summary>One ticket's SLA as the pages and the API show it: the live state, the policy that applies, the last alert.</summary>
public sealed record TicketSla(TicketSlaState State, string? Policy, SlaAlertRecord? LastAlert)
{
    public SlaDto ToDto() => State.ToDto() with
    {
        Policy = Policy,
        LastAlert = LastAlert is { } a ? new SlaAlertDto(a.Kind, a.Target, a.DueAtUtc, a.FiredAtUtc, a.Actions) : null,
    };
}

/// <summary>
/// Reads the SLA of some tickets with a fixed number of queries (messages, state history, segments, policies,
/// alerts), whatever their count: the same policy matching and clocks as the metrics and the escalation scanner.
/// </summary>
public static class TicketSlaQuery
{
    public static async Task<Dictionary<long, TicketSla>> OfAsync(TouchpointDb db, ServiceClock clock, IReadOnlyList<Ticket> tickets, CancellationToken ct)
    {
        var ids = tickets.Select(t => t.Id).ToList();
        // Only open tickets need their history; every ticket needs its segment to name its policy.
        static bool IsOpen(Ticket t) => !TicketHistory.IsResolved(t.Status) && t.MergedIntoId is null;
        var inputs = await SlaInputs.LoadAsync(db, tickets, IsOpen, ct);
        var alerts = (await db.SlaAlerts().AsNoTracking().Where(a => ids.Contains(a.TicketId)).ToListAsync(ct))
            .GroupBy(a => a.TicketId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.FiredAtUtc).ThenBy(a => a.Id).Last());
        var book = await clock.BookAsync(db, ct);
        var now = clock.NowUtc;
        return tickets.ToDictionary(t => t.Id, t =>
        {
            var applied = book.For(t, inputs.SegmentOf(t));
            var state = IsOpen(t) ? applied.StateOf(inputs.HistoryOf(t), now) : TicketSlaState.None;
            return new TicketSla(state, applied.Name, alerts.GetValueOrDefault(t.Id));
        });
    }
}
