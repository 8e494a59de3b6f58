using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;

namespace Touchpoint.Web.Features.Value;

/// <summary>Revenue of one segment: the sum of its customers' event values, and how many customers brought it.</summary>
public sealed record SegmentRevenue(string Segment, int Customers, int PayingCustomers, decimal Revenue, int ValuedEvents)
{
    public decimal RevenuePerCustomer => Customers == 0 ? 0 : Revenue / Customers;
}

public sealed record RevenueFigures(IReadOnlyList<SegmentRevenue> Segments, IReadOnlyList<string> Currencies)
{
    public decimal Total => Segments.Sum(s => s.Revenue);
}

/// <summary>Revenue by segment from the values on touchpoint events (orders, refunds), over all time.</summary>
public static class RevenueBySegment
{
    public static async Task<RevenueFigures> ComputeAsync(TouchpointDb db, CancellationToken ct)
    {
        var customers = await db.Customers.AsNoTracking().Where(c => c.MergedIntoId == null)
            .GroupBy(c => c.Segment).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        // Summed per customer in the store, then per segment here: SQLite keeps money as REAL and cannot sum decimals.
        var perCustomer = await db.Events.AsNoTracking().Where(e => e.Value != null)
            .Join(db.Customers, e => e.CustomerId, c => c.Id, (e, c) => new { c.Segment, e.CustomerId, e.Value })
            .GroupBy(x => new { x.Segment, x.CustomerId })
            .Select(g => new { g.Key.Segment, g.Key.CustomerId, Events = g.Count(), Sum = g.Sum(x => x.Value) })
            .ToListAsync(ct);
        var currencies = await db.Events.AsNoTracking().Where(e => e.Currency != null).Select(e => e.Currency!).Distinct().ToListAsync(ct);
        var segments = customers.Select(c => c.Key).Union(perCustomer.Select(p => p.Segment)).Distinct()
            .Select(s =>
            {
                var paid = perCustomer.Where(p => p.Segment == s).ToList();
                return new SegmentRevenue(s, customers.FirstOrDefault(c => c.Key == s)?.Count ?? 0, paid.Count(p => (p.Sum ?? 0) > 0),
                    paid.Sum(p => p.Sum ?? 0m), paid.Sum(p => p.Events));
            })
            .OrderByDescending(s => s.Revenue).ToList();
        return new RevenueFigures(segments, currencies);
    }
}
