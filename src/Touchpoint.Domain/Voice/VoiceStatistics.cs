namespace Touchpoint.Domain.Voice;

/// <summary>An estimate with its 95% confidence interval (null bounds when there are no answers).</summary>
public sealed record Estimate(int N, double? Value, double? Low, double? High, double? StandardError);

/// <summary>The change between two periods: difference, z statistic and two-sided p-value.</summary>
public sealed record Change(double? Difference, double? Z, double? PValue)
{
    public bool Significant => PValue is < 0.05;
}

/// <summary>
/// Confidence intervals and tests for the survey metrics (docs/voice.md, "Analytics methods"), at 95% (z = 1.96):
/// NPS: each answer is +1 (promoter), 0 (passive), -1 (detractor); NPS = 100 (p - d); its variance per answer is
/// (p + d) - (p - d)², so SE = 100 √(((p + d) - (p - d)²) / n) (the trinomial / multinomial variance), interval ± 1.96 SE.
/// CSAT (% 4-5) and CES % easy (5-7): Wilson score interval. CES mean: mean ± 1.96 s/√n with the sample standard deviation.
/// Changes between periods: z = (a - b) / √(SE_a² + SE_b²), two-sided p from the normal distribution (independent samples).
/// </summary>
public static class VoiceStatistics
{
    public const double Z95 = 1.959963984540054;

    public static Estimate Nps(NpsResult r)
    {
        var n = r.Answers;
        if (n == 0) return new(0, null, null, null, null);
        double p = (double)r.Promoters / n, d = (double)r.Detractors / n;
        var score = 100 * (p - d);
        var se = 100 * Math.Sqrt(Math.Max(0, p + d - (p - d) * (p - d)) / n);
        return new(n, score, Math.Max(-100, score - Z95 * se), Math.Min(100, score + Z95 * se), se);
    }

    /// <summary>A proportion in percent with the Wilson score interval.</summary>
    public static Estimate Proportion(int k, int n)
    {
        if (n == 0) return new(0, null, null, null, null);
        double p = (double)k / n, z2 = Z95 * Z95;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z95 * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new(n, 100 * p, 100 * (centre - half), 100 * (centre + half), 100 * Math.Sqrt(p * (1 - p) / n));
    }

    public static Estimate Csat(IEnumerable<int> scores)
    {
        var (satisfied, n) = ScoreMetrics.Csat(scores);
        return Proportion(satisfied, n);
    }

    /// <summary>CES mean (1-7) with a normal interval from the sample standard deviation.</summary>
    public static Estimate CesMean(IEnumerable<int> scores)
    {
        var v = scores.Where(s => s is >= 1 and <= 7).Select(s => (double)s).ToList();
        if (v.Count == 0) return new(0, null, null, null, null);
        var mean = v.Average();
        var sd = v.Count > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1)) : 0;
        var se = sd / Math.Sqrt(v.Count);
        return new(v.Count, mean, mean - Z95 * se, mean + Z95 * se, se);
    }

    /// <summary>CES % easy: share of answers 5-7, Wilson interval.</summary>
    public static Estimate CesEasy(IEnumerable<int> scores)
    {
        var v = scores.Where(s => s is >= 1 and <= 7).ToList();
        return Proportion(v.Count(s => s >= 5), v.Count);
    }

    public static Change Compare(Estimate current, Estimate previous)
    {
        if (current.Value is not { } a || previous.Value is not { } b) return new(null, null, null);
        var diff = a - b;
        var se = Math.Sqrt(Math.Pow(current.StandardError ?? 0, 2) + Math.Pow(previous.StandardError ?? 0, 2));
        if (se == 0) return new(diff, null, null);
        var z = diff / se;
        return new(diff, z, 2 * (1 - NormalCdf(Math.Abs(z))));
    }

    /// <summary>Standard normal CDF through erf (Abramowitz and Stegun 7.1.26, error below 1.5e-7).</summary>
    public static double NormalCdf(double x)
    {
        var t = x / Math.Sqrt(2);
        var sign = t < 0 ? -1 : 1;
        t = Math.Abs(t);
        var k = 1 / (1 + 0.3275911 * t);
        var y = 1 - (((((1.061405429 * k - 1.453152027) * k) + 1.421413741) * k - 0.284496736) * k + 0.254829592) * k * Math.Exp(-t * t);
        return 0.5 * (1 + sign * y);
    }
}
