using MathNet.Numerics.Distributions;
using Touchpoint.Domain.Journeys.Friction;

namespace Touchpoint.Domain.Tests.Journeys;

public class EffectSizeTests
{
    [Fact]
    public void Newcombe_hybrid_score_interval_matches_the_published_example()
    {
        // Newcombe (1998), Statistics in Medicine 17:873-890, Table II example (a): 56/70 − 48/80, method 10.
        var e = EffectSize.DifferenceOfProportions(56, 70, 48, 80)!;
        Assert.Equal(0.2, e.Difference, 9);
        Assert.Equal(0.0524, e.Low, 4);
        Assert.Equal(0.3339, e.High, 4);
        Assert.True(e.ExcludesZero);
    }

    [Fact]
    public void Welch_interval_uses_unequal_variances_and_satterthwaite_degrees_of_freedom()
    {
        // a: mean 8, variance 2.5; b: mean 4, variance 2. se² = 2.5/5 + 2/6 = 0.8333;
        // df = 0.8333² / (0.5²/4 + 0.3333²/5) = 8.1967.
        var e = EffectSize.DifferenceOfMeans([7, 9, 10, 6, 8], [3, 5, 4, 6, 2, 4])!;
        Assert.Equal(4, e.Difference, 9);
        var half = (e.High - e.Low) / 2;
        Assert.Equal(StudentT.InvCDF(0, 1, 8.19672, 0.975) * Math.Sqrt(5.0 / 6), half, 4);
        Assert.InRange(half / Math.Sqrt(5.0 / 6), 2.262, 2.306); // between t(9) and t(8) from a printed table
    }

    [Fact]
    public void Too_few_values_give_no_interval()
    {
        Assert.Null(EffectSize.DifferenceOfMeans([1], [1, 2]));
        Assert.Null(EffectSize.DifferenceOfProportions(0, 0, 1, 2));
    }
}
