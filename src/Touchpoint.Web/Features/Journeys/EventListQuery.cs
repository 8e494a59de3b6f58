using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Web.Api;
using Touchpoint.Web.Features.Customers;

namespace Touchpoint.Web.Features.Journeys;

/// <summary>A touchpoint with the name of its customer, for the event list.</summary>
public sealed record EventRow(TimelineEntry Entry, long CustomerId, string CustomerName);

/// <summary>The latest touchpoints of all customers, newest first, as GET /api/v1/events lists them.</summary>
public static class EventListQuery
{
    public static async Task<CursorPage<EventRow>> PageAsync(TouchpointDb db, string? type, long? customerId, string? cursor, int limit, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var after)) after = null;
        var q = db.Events.AsNoTracking();
        if (customerId is not null) q = q.Where(e => e.CustomerId == customerId);
        // Several types separated by commas, so a figure counted over several types (orders: first and repeat)
        // drills down to exactly its rows.
        var types = (type ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()).ToList();
        if (types.Count == 1) q = q.Where(e => e.Type == types[0]);
        else if (types.Count > 1) q = q.Where(e => types.Contains(e.Type));
        var rows = await q.Where(e => after == null || e.Id < after).OrderByDescending(e => e.Id).Take(limit + 1)
            .Join(db.Customers, e => e.CustomerId, c => c.Id, (e, c) => new { e, c.Name })
            .OrderByDescending(x => x.e.Id)
            .ToListAsync(ct);
        var items = rows.Select(x => new EventRow(new TimelineEntry(x.e.Id, x.e.Type, x.e.Channel, x.e.OccurredAt, x.e.PropertiesJson, x.e.Value,
            x.e.Currency, x.e.Source, x.e.RefKind, x.e.RefId, CustomerTimeline.LinkFor(x.e.RefKind, x.e.RefId)), x.e.CustomerId, x.Name)).ToList();
        return Cursor.Page(items, limit, r => r.Entry.Id);
    }

    /// <summary>The event types in the store, most frequent first, for the type filter.</summary>
    public static async Task<IReadOnlyList<string>> TypesAsync(TouchpointDb db, CancellationToken ct) =>
        await db.Events.AsNoTracking().GroupBy(e => e.Type).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).Select(g => g.Key).Take(200).ToListAsync(ct);
}
