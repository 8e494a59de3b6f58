namespace Touchpoint.Domain.Service.Metrics;

/// <summary>
/// Summary of a set of durations, in seconds: count, mean, median and 90th percentile. Percentiles interpolate
/// linearly between the closest ranks (p = (n - 1) q, Excel's PERCENTILE.INC), so the median of an even count is the
/// mean of the middle two. All null when there is nothing to summarise.
/// </summary>
public sealed record TimeStats(int Count, double? MeanSeconds, double? MedianSeconds, double? P90Seconds)
{
    public static TimeStats Empty { get; } = new(0, null, null, null);

    public static TimeStats Of(IEnumerable<TimeSpan> durations)
    {
        var s = durations.Select(d => d.TotalSeconds).Order().ToArray();
        return s.Length == 0 ? Empty : new TimeStats(s.Length, s.Average(), Percentile(s, 0.5), Percentile(s, 0.9));
    }

    /// <summary>The q-quantile of sorted values by linear interpolation between closest ranks.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) throw new ArgumentException("No values.", nameof(sorted));
        var pos = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}

/// <summary>A share with its parts, so every rate can be drilled into; <see cref="Percent"/> is null with no denominator.</summary>
public sealed record Rate(int Numerator, int Denominator)
{
    public double? Percent => Denominator == 0 ? null : 100.0 * Numerator / Denominator;
}

/// <summary>SLA clocks decided in a period: met, breached, and of the breaches those never answered (no response).</summary>
public sealed record SlaAttainment(int Met, int Breached, int BreachedWithoutResponse)
{
    public int Decided => Met + Breached;

    /// <summary>Attainment = met / (met + breached), in percent; null when no clock was decided.</summary>
    public double? Percent => Decided == 0 ? null : 100.0 * Met / Decided;

    public static SlaAttainment Of(IEnumerable<SlaResult> results)
    {
        int met = 0, breached = 0, silent = 0;
        foreach (var r in results)
        {
            if (r.Outcome == SlaOutcome.Met) met++;
            else if (r.Outcome == SlaOutcome.Breached)
            {
                breached++;
                if (r.WithoutResponse) silent++;
            }
        }
        return new SlaAttainment(met, breached, silent);
    }

    public static SlaAttainment operator +(SlaAttainment a, SlaAttainment b) =>
        new(a.Met + b.Met, a.Breached + b.Breached, a.BreachedWithoutResponse + b.BreachedWithoutResponse);
}
