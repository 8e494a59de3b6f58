using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Journeys.Consistency;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Journeys;

/// <summary>What a consistency question asks: a metric, what to group by, and the smallest group that is compared.</summary>
public sealed record ConsistencyQuery(string Metric, string By, int MinN)
{
    public static readonly IReadOnlyList<string> Metrics = ["csat", "ces", "nps", "resolution_hours"];
    public static readonly IReadOnlyList<string> Groupings = ["channel", "touchpoint"];

    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (!Metrics.Contains(Metric)) errors.Add(new("metric", "must be one of " + string.Join(", ", Metrics)));
        if (!Groupings.Contains(By)) errors.Add(new("by", "must be channel or touchpoint"));
        else if (Metric == "resolution_hours" && By == "touchpoint") errors.Add(new("by", "time to resolve is measured per ticket, which has a channel and no touchpoint: use by=channel"));
        if (MinN is < 2 or > 100_000) errors.Add(new("minN", "must be between 2 and 100000"));
        return errors;
    }

    /// <summary>Lower is better only for times.</summary>
    public bool HigherIsBetter => Metric != "resolution_hours";

    public string Unit => Metric switch
    {
        "csat" => "% satisfied (4-5)",
        "ces" => "mean effort score (1-7, 7 = easy)",
        "nps" => "NPS (-100 to 100)",
        _ => "hours from ticket created to solved",
    };
}

/// <summary>
/// Feeds <see cref="ConsistencyAnalysis"/> from the store. Each answer or ticket becomes one value so the metric is a
/// mean: CSAT 100 × (score ≥ 4) over 1-5 answers, NPS +100/0/−100 over 0-10 answers (so the group mean is its NPS),
/// CES the 1-7 score, time to resolve the calendar hours from created to solved of solved tickets (merged ones left out).
/// </summary>
public static class ConsistencyReport
{
    public static async Task<ConsistencyResult> RunAsync(TouchpointDb db, ConsistencyQuery q, CancellationToken ct)
    {
        List<ConsistencyObservation> observations;
        if (q.Metric == "resolution_hours")
        {
            var tickets = await db.Tickets.AsNoTracking().Where(t => t.SolvedAtUtc != null && t.MergedIntoId == null)
                .Select(t => new { t.Channel, t.CreatedAtUtc, Solved = t.SolvedAtUtc!.Value }).ToListAsync(ct);
            observations = tickets.Select(t => new ConsistencyObservation(Label(t.Channel), (t.Solved - t.CreatedAtUtc).TotalHours)).ToList();
        }
        else
        {
            var kind = q.Metric switch { "csat" => SurveyKind.Csat, "ces" => SurveyKind.Ces, _ => SurveyKind.Nps };
            var answers = await (from r in db.SurveyResponses.AsNoTracking()
                                 join s in db.Surveys.AsNoTracking() on r.SurveyId equals s.Id
                                 where s.Kind == kind && r.Score != null
                                 select new { r.Channel, r.Touchpoint, Score = r.Score!.Value }).ToListAsync(ct);
            observations = answers.Select(a => (Group: Label(q.By == "channel" ? a.Channel : a.Touchpoint), Value: Value(kind, a.Score)))
                .Where(a => a.Value is not null).Select(a => new ConsistencyObservation(a.Group, a.Value!.Value)).ToList();
        }
        return ConsistencyAnalysis.Analyse(observations, q.HigherIsBetter, q.MinN);
    }

    /// <summary>One answer's contribution to the metric's mean; null for a score outside the scale (ignored, as ScoreMetrics does).</summary>
    public static double? Value(SurveyKind kind, int score) => kind switch
    {
        SurveyKind.Csat => score is >= 1 and <= 5 ? (score >= 4 ? 100 : 0) : null,
        SurveyKind.Ces => score is >= 1 and <= 7 ? score : null,
        SurveyKind.Nps => score is >= 0 and <= 10 ? (score >= 9 ? 100 : score >= 7 ? 0 : -100) : null,
        _ => null,
    };

    private static string Label(string? group) => string.IsNullOrWhiteSpace(group) ? "(none)" : group;
}
