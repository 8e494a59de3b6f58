namespace Touchpoint.Domain.Journeys.Analytics;

/// <summary>How far one customer got: the time each step was reached (null where not), and the breakdown value.</summary>
public sealed record FunnelPath(long CustomerId, string BreakdownValue, DateTime?[] StepTimes);

/// <summary>
/// The reference meaning of a funnel for one customer, written for clarity rather than speed (every start is
/// tried): the analytic engines must give the same answers. Each attempt takes, for every step, the earliest
/// qualifying event, which is the attempt's best chance to get furthest.
/// </summary>
public static class FunnelMatcher
{
    /// <summary>The customer's best attempt, or null when they never entered the funnel (or every attempt was excluded).</summary>
    public static FunnelPath? BestAttempt(FunnelDefinition f, CustomerEvents customer)
    {
        var events = customer.Events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToList();
        FunnelPath? best = null;
        var bestReached = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var start = events[i];
            if (!f.InRange(start.AtUtc)) continue;
            var hits = f.Order switch
            {
                FunnelOrder.Strict => f.Steps[0].Matches(start) ? Strict(f, events, i) : null,
                FunnelOrder.Unordered => f.Steps.Any(s => s.Matches(start)) ? Unordered(f, events, start) : null,
                _ => f.Steps[0].Matches(start) ? Ordered(f, events, start) : null,
            };
            if (hits is null) continue;
            var times = hits.Select(h => h?.AtUtc).ToArray();
            var reached = Reached(f, times);
            // Strictly greater: on a tie the earlier start (seen first) stays.
            if (reached > bestReached)
            {
                bestReached = reached;
                best = new FunnelPath(customer.CustomerId, f.Breakdown.ValueOf(customer, start, hits), times);
            }
        }
        return best;
    }

    /// <summary>Required steps reached, counted up to the furthest one (optional steps never count).</summary>
    private static int Reached(FunnelDefinition f, DateTime?[] times)
    {
        var n = 0;
        for (var k = 0; k < times.Length; k++) if (!f.Steps[k].Optional && times[k] is not null) n = k + 1;
        return n;
    }

    private static FunnelEvent?[]? Ordered(FunnelDefinition f, List<FunnelEvent> events, FunnelEvent start)
    {
        var n = f.Steps.Count;
        var hits = new FunnelEvent?[n];
        var deadline = start.AtUtc + f.Window;
        hits[0] = start;
        var previous = start.AtUtc;
        for (var k = 1; k < n; k++)
        {
            if (f.Steps[k].Optional) continue;
            var hit = events.FirstOrDefault(e => e.AtUtc > previous && e.AtUtc <= deadline && f.Steps[k].Matches(e));
            if (hit is null) break;
            hits[k] = hit;
            previous = hit.AtUtc;
        }
        for (var k = 1; k < n; k++)
        {
            if (!f.Steps[k].Optional) continue;
            var before = hits[f.PreviousRequired(k)]?.AtUtc;
            if (before is null) continue;
            var next = NextRequired(f, k);
            var until = next >= 0 ? hits[next]?.AtUtc : null;
            hits[k] = events.FirstOrDefault(e => e.AtUtc > before && (until is null ? e.AtUtc <= deadline : e.AtUtc < until) && f.Steps[k].Matches(e));
        }
        foreach (var x in f.Exclusions)
        {
            if (hits[x.FromStep]?.AtUtc is not { } from) continue;
            var to = hits[x.ToStep]?.AtUtc;
            if (events.Any(e => e.AtUtc > from && (to is null ? e.AtUtc <= deadline : e.AtUtc < to) && x.Matches(e))) return null;
        }
        return hits;
    }

    private static int NextRequired(FunnelDefinition f, int k)
    {
        for (var i = k + 1; i < f.Steps.Count; i++) if (!f.Steps[i].Optional) return i;
        return -1;
    }

    private static FunnelEvent?[] Strict(FunnelDefinition f, List<FunnelEvent> events, int startIndex)
    {
        var hits = new FunnelEvent?[f.Steps.Count];
        var deadline = events[startIndex].AtUtc + f.Window;
        hits[0] = events[startIndex];
        for (var k = 1; k < f.Steps.Count; k++)
        {
            var j = startIndex + k;
            if (j >= events.Count || events[j].AtUtc > deadline || !f.Steps[k].Matches(events[j])) break;
            hits[k] = events[j];
        }
        return hits;
    }

    /// <summary>
    /// Step k of an unordered funnel is "k+1 different steps done": the hits are each step's first event, sorted by
    /// time (then by step, as the engine sorts them), so the attributed event of step k is the (k+1)-th done.
    /// </summary>
    private static FunnelEvent?[] Unordered(FunnelDefinition f, List<FunnelEvent> events, FunnelEvent start)
    {
        var deadline = start.AtUtc + f.Window;
        var found = new List<(FunnelEvent Event, int Step)>();
        for (var s = 0; s < f.Steps.Count; s++)
        {
            var hit = events.FirstOrDefault(e => e.AtUtc >= start.AtUtc && e.AtUtc <= deadline && f.Steps[s].Matches(e));
            if (hit is not null) found.Add((hit, s));
        }
        var hits = new FunnelEvent?[f.Steps.Count];
        var k = 0;
        foreach (var (e, _) in found.OrderBy(x => x.Event.AtUtc).ThenBy(x => x.Step)) hits[k++] = e;
        return hits;
    }
}
