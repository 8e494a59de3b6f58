using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Web.Features.Service.Workspace;

namespace Touchpoint.Web.Features.Service;

/// <summary>Reads one ticket as the API and the ticket page show it.</summary>
public static class TicketQueries
{
    /// <summary>
    /// The ticket with its thread (messages of tickets merged into it included, marked by their ticket id), state
    /// history, custom field values, audit trail and live SLA state.
    /// </summary>
    public static async Task<TicketDetail?> DetailAsync(TouchpointDb db, ServiceClock clock, long id, CancellationToken ct)
    {
        var t = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return null;
        var mergedFrom = await db.Tickets.AsNoTracking().Where(x => x.MergedIntoId == id).OrderBy(x => x.Id).Select(x => x.Id).ToListAsync(ct);
        var own = await db.TicketMessages.AsNoTracking().Where(m => m.TicketId == id).ToListAsync(ct);
        var merged = await db.TicketMessages.AsNoTracking().Where(m => mergedFrom.Contains(m.TicketId)).ToListAsync(ct);
        var messages = own.Concat(merged).OrderBy(m => m.CreatedAtUtc).ThenBy(m => m.Id).ToList();
        var history = await db.TicketStatusChanges.AsNoTracking().Where(s => s.TicketId == id).OrderBy(s => s.AtUtc).ThenBy(s => s.Id).ToListAsync(ct);
        var fields = await db.CustomFields.AsNoTracking().OrderBy(f => f.Label)
            .GroupJoin(db.TicketFieldValues.AsNoTracking().Where(v => v.TicketId == id), f => f.Id, v => v.FieldId, (f, vs) => new { f, vs })
            .SelectMany(x => x.vs.DefaultIfEmpty(), (x, v) => new { x.f.Key, x.f.Label, x.f.Type, Value = v == null ? null : v.Value })
            .ToListAsync(ct);
        var audit = await db.TicketAudit.AsNoTracking().Where(a => a.TicketId == id).OrderBy(a => a.AtUtc).ThenBy(a => a.Id).ToListAsync(ct);
        var names = await TicketListQuery.UserNamesAsync(db, audit.Select(a => a.ByUserId), ct);
        var sla = (await Sla.TicketSlaQuery.OfAsync(db, clock, [t], ct))[t.Id];
        return new TicketDetail(t.ToSummary(), TicketTags.Read(t.TagsJson),
            messages.Select(m => m.ToDto()).ToList(),
            history.Select(h => new StatusChangeDto(h.From?.Wire(), h.To.Wire(), h.AtUtc, h.ByUserId)).ToList(),
            fields.Select(f => new FieldValueDto(f.Key, f.Label, f.Type.Wire(), f.Value)).ToList(),
            audit.Select(a => new AuditDto(a.AtUtc, a.ByUserId, a.ByUserId is { } u && names.TryGetValue(u, out var n) ? n : null, a.Property, a.OldValue, a.NewValue, a.Source)).ToList(),
            mergedFrom, sla.ToDto());
    }
}
