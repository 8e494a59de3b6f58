using MathNet.Numerics.Distributions;

namespace Touchpoint.Domain.Journeys.Friction;

/// <summary>A difference between the affected group and the others, with its 95% confidence interval.</summary>
public sealed record Effect(double Difference, double Low, double High)
{
    /// <summary>True when the interval does not contain 0.</summary>
    public bool ExcludesZero => Low > 0 || High < 0;
}

/// <summary>
/// The two interval estimates friction analysis uses, as small pure functions. References: B. L. Welch (1947),
/// "The generalization of Student's problem when several different population variances are involved";
/// R. G. Newcombe (1998), "Interval estimation for the difference between independent proportions: comparison of
/// eleven methods", Statistics in Medicine 17, method 10 (hybrid score, from Wilson intervals).
/// </summary>
public static class EffectSize
{
    public const double Confidence = 0.95;
    private static readonly double Z = Normal.InvCDF(0, 1, 1 - (1 - Confidence) / 2);

    /// <summary>
    /// mean(a) − mean(b) with Welch's t interval (unequal variances, Welch–Satterthwaite degrees of freedom).
    /// Null when a group has fewer than two values or both variances are zero.
    /// </summary>
    public static Effect? DifferenceOfMeans(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 2 || b.Count < 2) return null;
        var (ma, va) = MeanVariance(a);
        var (mb, vb) = MeanVariance(b);
        return DifferenceOfMeans(ma, va, a.Count, mb, vb, b.Count);
    }

    /// <summary>The same from each group's mean, sample variance and size (what an engine aggregates).</summary>
    public static Effect? DifferenceOfMeans(double meanA, double varianceA, int nA, double meanB, double varianceB, int nB)
    {
        if (nA < 2 || nB < 2) return null;
        var sa = varianceA / nA;
        var sb = varianceB / nB;
        var se = Math.Sqrt(sa + sb);
        if (se == 0) return null;
        var df = (sa + sb) * (sa + sb) / (sa * sa / (nA - 1) + sb * sb / (nB - 1));
        var t = StudentT.InvCDF(0, 1, df, 1 - (1 - Confidence) / 2);
        var d = meanA - meanB;
        return new Effect(d, d - t * se, d + t * se);
    }

    /// <summary>p(a) − p(b) with Newcombe's hybrid score interval; null when a group is empty.</summary>
    public static Effect? DifferenceOfProportions(int successesA, int nA, int successesB, int nB)
    {
        if (nA == 0 || nB == 0) return null;
        double pa = (double)successesA / nA, pb = (double)successesB / nB;
        var (la, ua) = Wilson(successesA, nA);
        var (lb, ub) = Wilson(successesB, nB);
        var d = pa - pb;
        return new Effect(d, d - Math.Sqrt((pa - la) * (pa - la) + (ub - pb) * (ub - pb)), d + Math.Sqrt((ua - pa) * (ua - pa) + (pb - lb) * (pb - lb)));
    }

    /// <summary>Wilson's score interval for a proportion.</summary>
    public static (double Low, double High) Wilson(int successes, int n)
    {
        var p = (double)successes / n;
        var z2 = Z * Z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return (centre - half, centre + half);
    }

    private static (double Mean, double Variance) MeanVariance(IReadOnlyList<double> x)
    {
        var mean = x.Average();
        var ss = 0.0;
        foreach (var v in x) ss += (v - mean) * (v - mean);
        return (mean, ss / (x.Count - 1));
    }
}
