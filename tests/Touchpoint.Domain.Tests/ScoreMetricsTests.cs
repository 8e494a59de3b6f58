using Touchpoint.Domain.Voice;

namespace Touchpoint.Domain.Tests;

public class ScoreMetricsTests
{
    [Fact]
    public void Nps_is_percent_promoters_minus_percent_detractors()
    {
        // 10 answers: 4 promoters (9, 10, 10, 9), 3 passives (7, 8, 8), 3 detractors (0, 6, 5): 40% - 30% = +10.
        var r = ScoreMetrics.Nps([9, 10, 10, 9, 7, 8, 8, 0, 6, 5]);
        Assert.Equal((4, 3, 3), (r.Promoters, r.Passives, r.Detractors));
        Assert.Equal(10.0, r.Score!.Value, 9);
    }

    [Fact]
    public void Nps_of_nothing_is_unknown_not_zero_and_out_of_range_answers_are_ignored()
    {
        Assert.Null(ScoreMetrics.Nps([]).Score);
        Assert.Equal(-100.0, ScoreMetrics.Nps([3, 11, -1]).Score);
    }

    [Fact]
    public void Csat_is_the_share_of_fours_and_fives()
    {
        Assert.Equal(60.0, ScoreMetrics.CsatPercent([5, 4, 4, 3, 1]));
        Assert.Null(ScoreMetrics.CsatPercent([0, 6]));
    }

    [Fact]
    public void Ces_is_the_mean_on_the_seven_point_scale()
    {
        Assert.Equal(5.5, ScoreMetrics.CesMean([7, 4, 6, 5]));
        Assert.Null(ScoreMetrics.CesMean([]));
    }
}
