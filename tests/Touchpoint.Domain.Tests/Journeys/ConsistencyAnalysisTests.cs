using Touchpoint.Domain.Journeys.Consistency;

namespace Touchpoint.Domain.Tests.Journeys;

/// <summary>Consistency across channels against numbers worked out by hand (docs/journeys.md, "Consistency").</summary>
public sealed class ConsistencyAnalysisTests
{
    private static IEnumerable<ConsistencyObservation> Obs(string group, params double[] values) => values.Select(v => new ConsistencyObservation(group, v));

    /// <summary>
    /// CES (1-7) by channel. email 2,3,4: mean 3, s 1, t(0.975, 2) = 4.302653, half-width 4.302653/√3 = 2.484138.
    /// chat 6,6,7,7: mean 6.5, s = √(1/3), t(0.975, 3) = 3.182446, half-width 0.918693. phone 5,6,7: mean 6, as email.
    /// sms 4: one answer, below the minimum of 3, so shown but not in the spread. Spread of 3, 6.5, 6: range 3.5,
    /// standard deviation √(7.1667/2) = 1.892969. email − rest (mean 44/7) = −3.285714, Welch interval wholly below 0.
    /// </summary>
    [Fact]
    public void Channel_means_intervals_spread_and_the_channel_below_the_rest_match_the_hand_computed_example()
    {
        var r = ConsistencyAnalysis.Analyse([.. Obs("email", 2, 3, 4), .. Obs("chat", 6, 6, 7, 7), .. Obs("phone", 5, 6, 7), .. Obs("sms", 4)], higherIsBetter: true, minN: 3);

        Assert.Equal(["chat", "email", "phone", "sms"], r.Groups.Select(g => g.Group));
        var email = r.Groups.Single(g => g.Group == "email");
        Assert.Equal(3, email.N);
        Assert.Equal(3, email.Mean, 9);
        Assert.Equal(3 - 2.484138, email.Low!.Value, 5);
        Assert.Equal(3 + 2.484138, email.High!.Value, 5);
        var chat = r.Groups.Single(g => g.Group == "chat");
        Assert.Equal(6.5 - 0.918693, chat.Low!.Value, 5);
        Assert.Equal(6.5 + 0.918693, chat.High!.Value, 5);

        Assert.Equal(3.5, r.Range!.Value, 9);
        Assert.Equal(1.892969, r.SpreadSd!.Value, 5);
        Assert.Equal(-3.285714, email.VersusRest!.Difference, 5);
        Assert.True(email.VersusRest.High < 0);
        Assert.Equal(["email"], r.Flagged.Select(g => g.Group));

        var sms = r.Groups.Single(g => g.Group == "sms");
        Assert.False(sms.Compared);
        Assert.Null(sms.Low);
        Assert.False(sms.WorseThanRest);
        Assert.Equal(11, r.N);
        Assert.Equal(57.0 / 11, r.OverallMean!.Value, 9);
    }

    [Fact]
    public void For_times_lower_is_better_so_the_slow_channel_is_flagged_and_the_fast_one_is_not()
    {
        var r = ConsistencyAnalysis.Analyse([.. Obs("email", 20, 22, 24, 26, 28), .. Obs("chat", 1, 2, 3, 2, 1), .. Obs("phone", 2, 3, 2, 4, 3)], higherIsBetter: false, minN: 5);
        Assert.Equal(["email"], r.Flagged.Select(g => g.Group));
        Assert.True(r.Groups.Single(g => g.Group == "chat").VersusRest!.High < 0);
    }

    [Fact]
    public void Identical_channels_have_no_spread_and_nothing_flagged()
    {
        var r = ConsistencyAnalysis.Analyse([.. Obs("a", 1, 2, 3, 4, 5), .. Obs("b", 1, 2, 3, 4, 5)], higherIsBetter: true);
        Assert.Equal(0, r.Range!.Value, 12);
        Assert.Equal(0, r.SpreadSd!.Value, 12);
        Assert.Empty(r.Flagged);
    }
}
