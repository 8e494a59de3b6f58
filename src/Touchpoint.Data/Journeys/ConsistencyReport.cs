using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Journeys.Consistency;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Journeys;

/// <summary>What a consistency question asks: a metric, what to group by, and the smallest group that is compared.</summary>
public sealed record ConsistencyQuery(string Metric, string By, int MinN, long? JourneyId = null, string? FromStage = null, string? ToStage = null)
{
    public static readonly IReadOnlyList<string> Metrics = ["csat", "ces", "nps", "resolution_hours", "stage_days"];
    public static readonly IReadOnlyList<string> Groupings = ["channel", "touchpoint"];

    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (!Metrics.Contains(Metric)) errors.Add(new("metric", "must be one of " + string.Join(", ", Metrics)));
        if (!Groupings.Contains(By)) errors.Add(new("by", "must be channel or touchpoint"));
        else if (Metric == "resolution_hours" && By == "touchpoint") errors.Add(new("by", "time to resolve is measured per ticket, which has a channel and no touchpoint: use by=channel"));
        if (MinN is < 2 or > 100_000) errors.Add(new("minN", "must be between 2 and 100000"));
        if (Metric == "stage_days")
        {
            if (string.IsNullOrWhiteSpace(FromStage)) errors.Add(new("fromStage", "is required for stage_days (a stage key of the journey)"));
            if (string.IsNullOrWhiteSpace(ToStage)) errors.Add(new("toStage", "is required for stage_days (a later stage key of the journey)"));
        }
        return errors;
    }

    /// <summary>Lower is better only for times.</summary>
    public bool HigherIsBetter => Metric is not ("resolution_hours" or "stage_days");

    public string Unit => Metric switch
    {
        "csat" => "% satisfied (4-5)",
        "ces" => "mean effort score (1-7, 7 = easy)",
        "nps" => "NPS (-100 to 100)",
        "stage_days" => $"days from first reaching {FromStage} to first reaching {ToStage}",
        _ => "hours from ticket created to solved",
    };
}

/// <summary>
/// Feeds <see cref="ConsistencyAnalysis"/> from the store. Each answer or ticket becomes one value so the metric is a
/// mean: CSAT 100 × (score ≥ 4) over 1-5 answers, NPS +100/0/−100 over 0-10 answers (so the group mean is its NPS),
/// CES the 1-7 score, time to resolve the calendar hours from created to solved of solved tickets (merged ones left out),
/// time between stages the days from a customer's first event in one stage of a journey to their first event in a later
/// stage after it (customers who never got there are left out), grouped by the channel or the type of the event with
/// which they entered the first stage ("does delivery take longer for customers who bought in the app?").
/// </summary>
public static class ConsistencyReport
{
    /// <summary>The analysis, or the field errors that only the store can find (no such journey or stage).</summary>
    public static async Task<(ConsistencyResult? Result, IReadOnlyList<FieldError> Errors)> RunAsync(TouchpointDb db, ConsistencyQuery q, CancellationToken ct)
    {
        List<ConsistencyObservation> observations;
        if (q.Metric == "stage_days")
        {
            var (stageObservations, errors) = await StageDaysAsync(db, q, ct);
            if (stageObservations is null) return (null, errors);
            observations = stageObservations;
        }
        else if (q.Metric == "resolution_hours")
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
        return (ConsistencyAnalysis.Analyse(observations, q.HigherIsBetter, q.MinN), []);
    }

    private static async Task<(List<ConsistencyObservation>? Observations, IReadOnlyList<FieldError> Errors)> StageDaysAsync(TouchpointDb db, ConsistencyQuery q, CancellationToken ct)
    {
        var journey = q.JourneyId is { } id ? await JourneyCatalog.GetAsync(db, id, null, ct) : (await JourneyCatalog.ListAsync(db, ct)).FirstOrDefault();
        if (journey is null) return (null, [new("journeyId", q.JourneyId is null ? "no journey is defined yet" : $"no journey has id {q.JourneyId}")]);
        var d = journey.Definition;
        int from = d.IndexOf(q.FromStage!), to = d.IndexOf(q.ToStage!);
        var errors = new List<FieldError>();
        if (from < 0) errors.Add(new("fromStage", $"no stage '{q.FromStage}' in {journey.Name} (stages: {string.Join(", ", d.Stages.Select(s => s.Key))})"));
        if (to < 0) errors.Add(new("toStage", $"no stage '{q.ToStage}' in {journey.Name} (stages: {string.Join(", ", d.Stages.Select(s => s.Key))})"));
        if (from >= 0 && to >= 0 && to <= from) errors.Add(new("toStage", $"'{q.ToStage}' does not come after '{q.FromStage}' in {journey.Name}"));
        if (errors.Count > 0) return (null, errors);

        var fromTypes = d.Stages[from].Touchpoints.Select(t => t.EventType).ToList();
        var toTypes = d.Stages[to].Touchpoints.Select(t => t.EventType).ToList();
        var entries = (await db.Events.AsNoTracking().Where(e => fromTypes.Contains(e.Type))
                .Select(e => new { e.CustomerId, e.Type, e.Channel, e.OccurredAtUtc, e.Id }).ToListAsync(ct))
            .GroupBy(e => e.CustomerId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.OccurredAtUtc).ThenBy(e => e.Id).First());
        var arrivals = await db.Events.AsNoTracking().Where(e => toTypes.Contains(e.Type)).Select(e => new { e.CustomerId, e.OccurredAtUtc }).ToListAsync(ct);
        var observations = new List<ConsistencyObservation>();
        foreach (var g in arrivals.GroupBy(a => a.CustomerId))
        {
            if (!entries.TryGetValue(g.Key, out var entry)) continue;
            var reached = g.Where(a => a.OccurredAtUtc >= entry.OccurredAtUtc).Select(a => (DateTime?)a.OccurredAtUtc).Min();
            if (reached is { } at) observations.Add(new(Label(q.By == "channel" ? entry.Channel : entry.Type), (at - entry.OccurredAtUtc).TotalDays));
        }
        return (observations, []);
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
