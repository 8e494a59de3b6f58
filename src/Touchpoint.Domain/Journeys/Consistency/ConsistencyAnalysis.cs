using MathNet.Numerics.Distributions;
using Touchpoint.Domain.Journeys.Friction;

namespace Touchpoint.Domain.Journeys.Consistency;

/// <summary>One answer or case of the metric, in the group (channel or touchpoint) it happened in.</summary>
public readonly record struct ConsistencyObservation(string Group, double Value);

/// <summary>
/// One channel or touchpoint: its mean with a 95% interval, and how it differs from all the other groups together
/// (Welch). <see cref="WorseThanRest"/> is set when that difference's interval lies wholly on the bad side.
/// </summary>
public sealed record GroupConsistency(string Group, int N, double Mean, double? Low, double? High, bool Compared, Effect? VersusRest, bool WorseThanRest);

/// <summary>The groups, and the spread of their means: range (best − worst) and standard deviation across groups.</summary>
public sealed record ConsistencyResult(bool HigherIsBetter, int MinN, double? OverallMean, int N, IReadOnlyList<GroupConsistency> Groups, double? Range, double? SpreadSd)
{
    public IEnumerable<GroupConsistency> Flagged => Groups.Where(g => g.WorseThanRest);
}

/// <summary>
/// Consistency: is the experience the same whichever channel or touchpoint a customer used? Method
/// (docs/journeys.md, "Consistency"): per group, mean ± t(0.975, n−1)·s/√n (Student t, sample standard deviation);
/// the spread is the range and the sample standard deviation of the group means, over groups with at least
/// <c>minN</c> observations (smaller groups are shown but neither counted in the spread nor flagged); a group is
/// flagged when the Welch 95% interval of (its mean − the mean of all other observations) lies wholly on the
/// worse side (below zero when higher is better). The metric is a mean of per-observation values, so every metric
/// fits: CSAT is the mean of 100 × (score ≥ 4), NPS the mean of +100/0/−100, CES the mean score, times in hours.
/// Limits: groups are compared as they are, not adjusted for who uses which channel (mix of customers and issues).
/// </summary>
public static class ConsistencyAnalysis
{
    public static ConsistencyResult Analyse(IEnumerable<ConsistencyObservation> observations, bool higherIsBetter, int minN = 5)
    {
        var all = observations.Where(o => double.IsFinite(o.Value)).ToList();
        var byGroup = all.GroupBy(o => o.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Group: g.Key, Values: g.Select(o => o.Value).ToList())).ToList();
        var groups = new List<GroupConsistency>();
        foreach (var (group, values) in byGroup)
        {
            var n = values.Count;
            var mean = values.Average();
            double? low = null, high = null;
            if (n >= 2)
            {
                var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
                var half = StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n);
                (low, high) = (mean - half, mean + half);
            }
            var compared = n >= minN;
            Effect? versus = null;
            if (compared)
            {
                var rest = byGroup.Where(g => g.Group != group && g.Values.Count >= minN).SelectMany(g => g.Values).ToList();
                versus = EffectSize.DifferenceOfMeans(values, rest);
            }
            var worse = versus is { } e && (higherIsBetter ? e.High < 0 : e.Low > 0);
            groups.Add(new GroupConsistency(group, n, mean, low, high, compared, versus, worse));
        }
        var means = groups.Where(g => g.Compared).Select(g => g.Mean).ToList();
        double? range = means.Count >= 2 ? means.Max() - means.Min() : null;
        double? spread = null;
        if (means.Count >= 2)
        {
            var m = means.Average();
            spread = Math.Sqrt(means.Sum(x => (x - m) * (x - m)) / (means.Count - 1));
        }
        return new ConsistencyResult(higherIsBetter, minN, all.Count > 0 ? all.Average(o => o.Value) : null, all.Count, groups, range, spread);
    }
}
