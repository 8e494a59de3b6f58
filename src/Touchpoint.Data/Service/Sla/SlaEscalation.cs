using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Domain.Service.Sla;

namespace Touchpoint.Data.Service.Sla;

/// <summary>An alert a ticket owes under the policy that applies to it.</summary>
public sealed record OwedAlert(long TicketId, AppliedSla Sla, SlaAlert Alert);

/// <summary>
/// One pass of SLA warnings and escalations over every open ticket. What a ticket owes comes from
/// <see cref="SlaAlerts.Owed"/> (the same clocks as the chip and the metrics); what has fired is in
/// <c>sla_alerts</c>, unique per ticket, clock and kind. Each alert is written in one transaction with its actions
/// and their audit entries: a crash before the commit leaves neither (the next pass does both), after it leaves
/// both (the next pass sees the row and skips). Two scanners on one store cannot both fire: the second insert hits
/// the unique key and is rolled back.
/// </summary>
public static class SlaEscalation
{
    private const int Batch = 500;
    public const string Source = "sla";

    public static async Task<IReadOnlyList<SlaAlertRecord>> ScanAsync(TouchpointDbFactory dbs, BusinessCalendar workspaceCalendar, DateTime nowUtc, CancellationToken ct)
    {
        var fired = new List<SlaAlertRecord>();
        long after = 0;
        while (true)
        {
            var (owed, last) = await OwedAsync(dbs, workspaceCalendar, nowUtc, after, ct);
            if (last is not { } l) return fired;
            after = l;
            foreach (var o in owed)
                if (await FireAsync(dbs, o, nowUtc, ct) is { } record) fired.Add(record);
        }
    }

    /// <summary>
    /// The alerts owed by the next batch of open tickets (ids above <paramref name="afterId"/>) and not fired yet, with
    /// the last ticket id read (null when no ticket was left). Read in one go, fired one by one, so a second scanner
    /// may read the same list: <see cref="FireAsync"/> is what keeps an alert single.
    /// </summary>
    public static async Task<(List<OwedAlert> Owed, long? LastTicketId)> OwedAsync(TouchpointDbFactory dbs, BusinessCalendar workspaceCalendar, DateTime nowUtc,
        long afterId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var book = await SlaPolicies.BookAsync(db, workspaceCalendar, ct);
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => t.Id > afterId && t.MergedIntoId == null && t.Status != TicketStatus.Solved && t.Status != TicketStatus.Closed)
            .OrderBy(t => t.Id).Take(Batch).ToListAsync(ct);
        if (tickets.Count == 0) return ([], null);
        var ids = tickets.Select(t => t.Id).ToList();
        var inputs = await SlaInputs.LoadAsync(db, tickets, null, ct);
        var done = (await db.SlaAlerts().AsNoTracking().Where(a => ids.Contains(a.TicketId)).Select(a => new { a.TicketId, a.Clock, a.Kind }).ToListAsync(ct))
            .Select(a => (a.TicketId, a.Clock, a.Kind)).ToHashSet();
        var owed = new List<OwedAlert>();
        foreach (var t in tickets)
        {
            var sla = book.For(t, inputs.SegmentOf(t));
            foreach (var alert in SlaAlerts.Owed(inputs.HistoryOf(t), sla, nowUtc))
                if (!done.Contains((t.Id, alert.Clock, Wire(alert.Kind)))) owed.Add(new OwedAlert(t.Id, sla, alert));
        }
        return (owed, tickets[^1].Id);
    }

    /// <summary>Fires one alert with its actions in one transaction; null when the ticket is gone or another scanner fired it first.</summary>
    public static async Task<SlaAlertRecord?> FireAsync(TouchpointDbFactory dbs, OwedAlert owed, DateTime nowUtc, CancellationToken ct)
    {
        var (ticketId, sla, alert) = owed;
        await using var db = dbs.Create();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return null;
        var actions = alert.Kind == SlaAlertKind.Warning ? sla.Escalation.OnWarning : sla.Escalation.OnBreach;
        var record = new SlaAlertRecord
        {
            TicketId = ticketId, Clock = alert.Clock, Kind = Wire(alert.Kind), Target = Wire(alert.Target), PolicyName = sla.Name,
            DueAtUtc = alert.DueUtc, FiredAtUtc = nowUtc,
        };
        var done = new List<string>();
        if (actions is { IsEmpty: false })
        {
            if (actions.Notify)
            {
                var people = await RecipientsAsync(db, ticket, ct);
                record.NotifiedUserIds = people.Count == 0 ? "" : "," + string.Join(",", people.Select(p => p.Id.ToString(CultureInfo.InvariantCulture))) + ",";
                done.Add(people.Count == 0 ? "nobody to notify (no assignee or team)" : "notified " + string.Join(", ", people.Select(p => p.Name)));
                TicketThread.Audit(db, ticket, nowUtc, null, Source, "sla_" + record.Kind, null,
                    $"{Words(alert.Target)} {(alert.Kind == SlaAlertKind.Breach ? "breached" : "due")} {alert.DueUtc:yyyy-MM-dd HH:mm} UTC (policy {sla.Name})");
            }
            var edit = new TicketEdit
            {
                Priority = actions.RaisePriority && ticket.Priority < TicketPriority.Urgent ? ticket.Priority + 1 : null,
                SetTeam = actions.TeamId is not null && actions.TeamId != ticket.TeamId,
                TeamId = actions.TeamId,
                AddTags = actions.AddTag is { Length: > 0 } tag ? [tag] : [],
            };
            var before = ticket.Priority;
            if (!edit.IsEmpty)
            {
                var problems = await TicketThread.EditAsync(db, ticket, edit, nowUtc, null, Source, ct);
                // A team deleted since the policy was saved must not stop the alert (and its notification) from being kept.
                if (problems.Count > 0) done.Add("not changed: " + string.Join("; ", problems.Select(p => $"{p.Field} {p.Message}")));
                else
                {
                    if (edit.Priority is { } p) done.Add($"priority {TicketEdit.Wire(before)} → {TicketEdit.Wire(p)}");
                    if (edit.SetTeam) done.Add($"team → {actions.TeamId}");
                    if (edit.AddTags.Count > 0) done.Add("tag " + edit.AddTags[0]);
                }
            }
            else if (actions.RaisePriority) done.Add("priority already urgent");
        }
        record.Actions = done.Count == 0 ? "no actions" : string.Join("; ", done);
        if (record.Actions.Length > 1000) record.Actions = record.Actions[..1000];
        db.SlaAlerts().Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return record;
        }
        catch (DbUpdateException)
        {
            // Another scanner on the same store fired this alert first: its actions stand, ours are rolled back.
            await tx.RollbackAsync(ct);
            if (await AlreadyFiredAsync(dbs, record, ct)) return null;
            throw;
        }
    }

    private static async Task<bool> AlreadyFiredAsync(TouchpointDbFactory dbs, SlaAlertRecord r, CancellationToken ct)
    {
        await using var db = dbs.Create();
        return await db.SlaAlerts().AnyAsync(a => a.TicketId == r.TicketId && a.Clock == r.Clock && a.Kind == r.Kind, ct);
    }

    /// <summary>The assignee; with nobody assigned, the members of the ticket's team.</summary>
    private static async Task<List<(long Id, string Name)>> RecipientsAsync(TouchpointDb db, Ticket ticket, CancellationToken ct)
    {
        var ids = ticket.AssigneeId is { } a ? [a]
            : ticket.TeamId is { } team ? await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == team).Select(m => m.UserId).ToListAsync(ct)
            : [];
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        return users.Select(u => (u.Id, u.DisplayName is { Length: > 0 } n ? n : u.Email ?? $"user {u.Id}")).ToList();
    }

    public static string Wire(SlaAlertKind k) => k == SlaAlertKind.Breach ? "breach" : "warning";

    public static string Wire(SlaTarget t) => t switch
    {
        SlaTarget.FirstResponse => "first_response",
        SlaTarget.NextResponse => "next_response",
        _ => "resolution",
    };

    private static string Words(SlaTarget t) => t switch
    {
        SlaTarget.FirstResponse => "first response",
        SlaTarget.NextResponse => "next response",
        _ => "resolution",
    };
}
