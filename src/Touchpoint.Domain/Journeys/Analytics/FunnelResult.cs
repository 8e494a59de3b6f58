namespace Touchpoint.Domain.Journeys.Analytics;

/// <summary>
/// One step's figures. Conversion and drop-off are measured from the previous required step; times to convert
/// are in seconds, over the customers who reached the step (null when none did).
/// </summary>
public sealed record FunnelStepResult(
    int Index,
    string Name,
    bool Optional,
    long Count,
    double ConversionFromPrevious,
    double ConversionFromFirst,
    long DropOff,
    double? MedianSecondsFromPrevious,
    double? P90SecondsFromPrevious,
    double? MedianSecondsFromFirst,
    double? P90SecondsFromFirst);

/// <summary>The funnel for everyone (Breakdown "") or for one breakdown value.</summary>
public sealed record FunnelSeries(string Breakdown, IReadOnlyList<FunnelStepResult> Steps);

public sealed record FunnelResult(FunnelSeries Total, IReadOnlyList<FunnelSeries> Breakdown);

/// <summary>Raw per-step figures an engine computes: count and time quantiles. The ratios are derived once, here.</summary>
public sealed record FunnelStepTally(long Count, double? MedianFromPrevious, double? P90FromPrevious, double? MedianFromFirst, double? P90FromFirst);

public static class FunnelSeriesBuilder
{
    public static FunnelSeries Build(FunnelDefinition f, string breakdown, IReadOnlyList<FunnelStepTally> tallies)
    {
        var first = tallies[0].Count;
        var steps = new List<FunnelStepResult>(tallies.Count);
        for (var k = 0; k < tallies.Count; k++)
        {
            var t = tallies[k];
            var prev = k == 0 ? t.Count : tallies[f.PreviousRequired(k)].Count;
            steps.Add(new FunnelStepResult(k, f.Steps[k].Name, f.Steps[k].Optional, t.Count,
                Ratio(t.Count, prev), Ratio(t.Count, first), prev - t.Count,
                t.MedianFromPrevious, t.P90FromPrevious, t.MedianFromFirst, t.P90FromFirst));
        }
        return new FunnelSeries(breakdown, steps);
    }

    private static double Ratio(long a, long b) => b == 0 ? 0 : (double)a / b;
}
