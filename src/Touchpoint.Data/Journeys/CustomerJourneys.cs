using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys.Maps;

namespace Touchpoint.Data.Journeys;

/// <summary>One customer's progress in one journey.</summary>
public sealed record CustomerJourney(long JourneyId, string Journey, int Version, CustomerJourneyProgress Progress);

/// <summary>Where a customer stands in each of the installation's journeys, from their timeline in the store.</summary>
public static class CustomerJourneys
{
    public static async Task<IReadOnlyList<CustomerJourney>> ForCustomerAsync(TouchpointDb db, long customerId, DateTime nowUtc, CancellationToken ct)
    {
        var journeys = await JourneyCatalog.ListAsync(db, ct);
        if (journeys.Count == 0) return [];
        var timeline = (await db.Events.AsNoTracking().Where(e => e.CustomerId == customerId)
                .Select(e => new { e.Type, e.OccurredAtUtc }).ToListAsync(ct))
            .Select(e => new JourneyStep(e.Type, e.OccurredAtUtc)).ToList();
        return journeys.Select(j => new CustomerJourney(j.Id, j.Name, j.Version, JourneyProgress.Compute(j.Definition, timeline, nowUtc))).ToList();
    }
}
