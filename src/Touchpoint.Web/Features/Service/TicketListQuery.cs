using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Web.Api;

namespace Touchpoint.Web.Features.Service;

/// <summary>A ticket row with its customer's name, so a list can say who asked without a lookup per row.</summary>
public sealed record TicketRow(TicketSummary Ticket, string CustomerName);

/// <summary>The ticket list of the Service pages: newest first, keyset paged like GET /api/v1/tickets.</summary>
public static class TicketListQuery
{
    public static readonly IReadOnlyList<TicketStatus> Statuses = Enum.GetValues<TicketStatus>();

    /// <summary>Reads the wire name of a status (new, open, on_hold, ...); null for anything else.</summary>
    public static TicketStatus? ParseStatus(string? status) =>
        TicketWorkflow.TryParse(status, out var s) ? s : null;

    public static async Task<CursorPage<TicketRow>> PageAsync(TouchpointDb db, TicketStatus? status, string? cursor, int limit, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var after)) after = null;
        var q = db.Tickets.AsNoTracking().Where(t => t.MergedIntoId == null);
        if (status is not null) q = q.Where(t => t.Status == status);
        var rows = await q.Where(t => after == null || t.Id < after).OrderByDescending(t => t.Id).Take(limit + 1)
            .Join(db.Customers, t => t.CustomerId, c => c.Id, (t, c) => new { t, c.Name })
            .OrderByDescending(x => x.t.Id)
            .ToListAsync(ct);
        return Cursor.Page(rows.Select(x => new TicketRow(x.t.ToSummary(), x.Name)).ToList(), limit, r => r.Ticket.Id);
    }

    public static Task<int> CountAsync(TouchpointDb db, TicketStatus? status, CancellationToken ct) =>
        db.Tickets.AsNoTracking().Where(t => t.MergedIntoId == null && (status == null || t.Status == status)).CountAsync(ct);

    /// <summary>Display names of the people who wrote or changed a ticket, by user id.</summary>
    public static async Task<IReadOnlyDictionary<long, string>> UserNamesAsync(TouchpointDb db, IEnumerable<long?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<long>().Distinct().ToList();
        if (wanted.Count == 0) return new Dictionary<long, string>();
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrEmpty(u.DisplayName) ? u.Email ?? u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : u.DisplayName, ct);
    }
}
