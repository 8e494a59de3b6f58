namespace Touchpoint.Domain.Journeys.Analytics;

/// <summary>
/// What customers did next after their first <see cref="StartType"/> event (in [From, To) when given), up to
/// <see cref="Depth"/> events on. "(end)" as the next type is drop-off: nothing more happened. With
/// <see cref="EndType"/>, only the paths that reach an event of that type within <see cref="Depth"/> steps are kept,
/// each cut at its first such event: "how do customers get from A to B".
/// With <see cref="StageOf"/> (event type → journey stage key) the path runs over stages instead of touchpoints:
/// each event counts as its stage, events of types outside the journey are left out, and a stage repeated back to
/// back counts once ("awareness → purchase", not "awareness → awareness → purchase"); start and end are stage keys.
/// </summary>
public sealed record PathQuery(string StartType, int Depth = 3, int TopPerLevel = 10, DateTime? FromUtc = null, DateTime? ToUtc = null, string? EndType = null,
    IReadOnlyDictionary<string, string>? StageOf = null)
{
    public const string End = "(end)";

    public bool ByStage => StageOf is not null;

    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(StartType)) errors.Add(new("startType", "is required"));
        if (Depth is < 1 or > 10) errors.Add(new("depth", "must be between 1 and 10"));
        if (TopPerLevel is < 1 or > 100) errors.Add(new("topPerLevel", "must be between 1 and 100"));
        if (StageOf is { } stages)
        {
            var keys = stages.Values.ToHashSet(StringComparer.Ordinal);
            var known = string.Join(", ", keys.Order(StringComparer.Ordinal));
            if (!string.IsNullOrWhiteSpace(StartType) && !keys.Contains(StartType)) errors.Add(new("startType", $"must be a stage of the journey: {known}"));
            if (EndType is { } end && !keys.Contains(end)) errors.Add(new("endType", $"must be a stage of the journey: {known}"));
        }
        return errors;
    }

    /// <summary>The stage map of a journey: each touchpoint type to the key of its stage.</summary>
    public static IReadOnlyDictionary<string, string> StagesOf(Maps.JourneyDefinition journey) =>
        journey.Stages.SelectMany(s => s.Touchpoints.Select(t => (t.EventType, s.Key)))
            .GroupBy(x => x.EventType, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
}

/// <summary>
/// The reference meaning of <see cref="PathQuery"/> over customers' events, written for clarity: engines must give
/// the same transitions. Events are ordered by time, then id.
/// </summary>
public static class PathCalculator
{
    public static IReadOnlyList<PathTransition> Calculate(PathQuery q, IEnumerable<CustomerEvents> customers)
    {
        var edges = new Dictionary<(int Level, string From, string To), long>();
        foreach (var c in customers)
        {
            var steps = Steps(q, c);
            var start = steps.FindIndex(e => e.Type == q.StartType && (q.FromUtc is null || e.AtUtc >= q.FromUtc) && (q.ToUtc is null || e.AtUtc < q.ToUtc));
            if (start < 0) continue;
            var path = steps.Skip(start).Take(q.Depth + 1).Select(e => e.Type).ToList();
            var cut = false;
            if (q.EndType is { } endType)
            {
                var at = path.FindIndex(1, t => t == endType);
                if (at < 0) continue;
                path = path.Take(at + 1).ToList();
                cut = true;
            }
            for (var level = 1; level <= q.Depth; level++)
            {
                if (level >= path.Count && (cut || level > path.Count)) break;
                var key = (level, path[level - 1], level < path.Count ? path[level] : PathQuery.End);
                edges[key] = edges.GetValueOrDefault(key) + 1;
            }
        }
        return edges.GroupBy(e => e.Key.Level).OrderBy(g => g.Key)
            .SelectMany(g => g.OrderByDescending(e => e.Value).ThenBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal).Take(q.TopPerLevel))
            .Select(e => new PathTransition(e.Key.Level, e.Key.From, e.Key.To, e.Value)).ToList();
    }

    /// <summary>The customer's events as the path sees them: as they are, or as stages with back-to-back repeats merged.</summary>
    private static List<FunnelEvent> Steps(PathQuery q, CustomerEvents c)
    {
        var ordered = c.Events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id);
        if (q.StageOf is not { } stages) return ordered.ToList();
        var steps = new List<FunnelEvent>();
        foreach (var e in ordered)
            if (stages.TryGetValue(e.Type, out var stage) && (steps.Count == 0 || steps[^1].Type != stage))
                steps.Add(e with { Type = stage });
        return steps;
    }
}

/// <summary>Customers who went from <see cref="From"/> (at level-1) to <see cref="To"/> (at level).</summary>
public sealed record PathTransition(int Level, string From, string To, long Customers);

public enum CohortPeriod { Week, Month }

/// <summary>
/// Retention by first touch: customers grouped by the week or month of their first event (any type), then counted
/// as active in each later period when they have an event of <see cref="ActivityType"/> (any type when null).
/// </summary>
public sealed record CohortQuery(CohortPeriod Period = CohortPeriod.Month, int Periods = 12, string? ActivityType = null, DateTime? FromUtc = null, DateTime? ToUtc = null)
{
    public IReadOnlyList<FieldError> Validate() =>
        Periods is < 1 or > 104 ? [new("periods", "must be between 1 and 104")] : [];
}

/// <summary>Period 0 is the cohort's own week or month, so Active at period 0 equals the cohort size.</summary>
public sealed record CohortCell(DateOnly CohortStart, long CohortSize, int Period, long Active);
