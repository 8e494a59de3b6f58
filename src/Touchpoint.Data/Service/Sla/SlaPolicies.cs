using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Domain.Service.Sla;

namespace Touchpoint.Data.Service.Sla;

/// <summary>Reads the stored policies as an <see cref="SlaPolicyBook"/>, and seeds the default into a new store.</summary>
public static class SlaPolicies
{
    public static async Task<SlaPolicyBook> BookAsync(TouchpointDb db, BusinessCalendar workspaceCalendar, CancellationToken ct) =>
        new(await db.SlaPolicies().AsNoTracking().ToListAsync(ct), workspaceCalendar);

    /// <summary>
    /// A store without policies gets the default (today's targets, no conditions, the workspace calendar), so
    /// existing behaviour holds. The API refuses to delete the last policy, so an empty table only happens once.
    /// </summary>
    public static async Task EnsureDefaultAsync(TouchpointDb db, DateTime nowUtc, CancellationToken ct)
    {
        if (await db.SlaPolicies().AnyAsync(ct)) return;
        var row = new SlaPolicyDefinition();
        SlaPolicyDrafts.Apply(SlaPolicyDrafts.Default, row, 1, nowUtc);
        db.SlaPolicies().Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another process (a second host on the same store) may have seeded it first; its row is the same.
            db.ChangeTracker.Clear();
            if (!await db.SlaPolicies().AsNoTracking().AnyAsync(ct)) throw;
        }
    }

    /// <summary>Segments a condition may name: those customers have, plus the demo's.</summary>
    public static async Task<List<string>> KnownSegmentsAsync(TouchpointDb db, CancellationToken ct)
    {
        var stored = await db.Customers.AsNoTracking().Where(c => c.Segment != "").Select(c => c.Segment).Distinct().ToListAsync(ct);
        return stored.Concat(Domain.Customers.Segments.Demo).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
