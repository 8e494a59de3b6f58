namespace Touchpoint.Domain.Journeys.Analytics;

/// <summary>The reference funnel: per-customer best attempts (<see cref="FunnelMatcher"/>) summed per step.</summary>
public static class FunnelCalculator
{
    public static FunnelResult Calculate(FunnelDefinition f, IEnumerable<CustomerEvents> customers)
    {
        var paths = customers.Select(c => FunnelMatcher.BestAttempt(f, c)).OfType<FunnelPath>().ToList();
        var total = FunnelSeriesBuilder.Build(f, "", Tally(f, paths));
        var breakdown = f.Breakdown.Kind == FunnelBreakdownKind.None ? [] : paths
            .GroupBy(p => p.BreakdownValue, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(f.BreakdownLimit)
            .Select(g => FunnelSeriesBuilder.Build(f, g.Key, Tally(f, g.ToList())))
            .ToList();
        return new FunnelResult(total, breakdown);
    }

    public static IReadOnlyList<FunnelStepTally> Tally(FunnelDefinition f, IReadOnlyList<FunnelPath> paths)
    {
        var tallies = new List<FunnelStepTally>(f.Steps.Count);
        for (var k = 0; k < f.Steps.Count; k++)
        {
            var reached = paths.Where(p => p.StepTimes[k] is not null).ToList();
            var prev = Math.Max(f.Order == FunnelOrder.Unordered ? k - 1 : f.PreviousRequired(k), 0);
            var fromPrev = reached.Select(p => (p.StepTimes[k]!.Value - p.StepTimes[prev]!.Value).TotalSeconds).ToList();
            var fromFirst = reached.Select(p => (p.StepTimes[k]!.Value - p.StepTimes[0]!.Value).TotalSeconds).ToList();
            tallies.Add(new FunnelStepTally(reached.Count,
                k == 0 ? null : Quantile.Linear(fromPrev, 0.5), k == 0 ? null : Quantile.Linear(fromPrev, 0.9),
                k == 0 ? null : Quantile.Linear(fromFirst, 0.5), k == 0 ? null : Quantile.Linear(fromFirst, 0.9)));
        }
        return tallies;
    }
}

/// <summary>Quantiles by linear interpolation between order statistics (Hyndman-Fan type 7, as DuckDB's quantile_cont).</summary>
public static class Quantile
{
    public static double? Linear(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return null;
        var x = values.Order().ToArray();
        var h = (x.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = (int)Math.Ceiling(h);
        return x[lo] + (h - lo) * (x[hi] - x[lo]);
    }
}
