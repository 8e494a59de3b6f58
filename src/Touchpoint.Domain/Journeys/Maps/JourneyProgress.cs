namespace Touchpoint.Domain.Journeys.Maps;

/// <summary>One event of a customer's timeline as the journey sees it: its type and when it happened (UTC).</summary>
public readonly record struct JourneyStep(string EventType, DateTime AtUtc);

/// <summary>When a customer first reached a stage and how many of its touchpoints they had.</summary>
public sealed record StageVisit(string Stage, DateTime FirstAtUtc, int Touchpoints);

/// <summary>A required touchpoint that a customer went past without (they reached a later stage).</summary>
public sealed record MissedTouchpoint(string Stage, string EventType);

/// <summary>A touchpoint that should happen once and happened more often.</summary>
public sealed record RepeatedTouchpoint(string Stage, string EventType, int Times);

/// <summary>A target between two stages the customer took longer than (or is still taking longer than).</summary>
public sealed record TargetOverrun(string FromStage, string ToStage, double MaxDays, double Days, bool StillWaiting);

/// <summary>Where one customer stands in one journey.</summary>
public sealed record CustomerJourneyProgress(
    string? CurrentStage,
    DateTime? InStageSinceUtc,
    TimeSpan? TimeInStage,
    IReadOnlyList<StageVisit> Stages,
    IReadOnlyList<MissedTouchpoint> Missed,
    IReadOnlyList<RepeatedTouchpoint> Repeated,
    IReadOnlyList<TargetOverrun> Overruns);

public static class JourneyProgress
{
    /// <summary>
    /// The current stage is the stage of the customer's latest mapped touchpoint (a delivered customer who writes to
    /// support is in support now); time in stage runs from the start of that latest run of touchpoints in the stage.
    /// Missed: required touchpoints of stages before the furthest stage reached that never happened. Repeated:
    /// non-repeatable touchpoints seen more than once. Overruns: targets whose time from the first touch of one stage
    /// to the first touch of the other exceeded the target, or, not reached yet, has already passed it at <paramref name="nowUtc"/>.
    /// Events of types the journey does not map are ignored.
    /// </summary>
    public static CustomerJourneyProgress Compute(JourneyDefinition journey, IEnumerable<JourneyStep> timeline, DateTime nowUtc)
    {
        var stageOfType = new Dictionary<string, int>();
        for (var i = 0; i < journey.Stages.Count; i++)
            foreach (var t in journey.Stages[i].Touchpoints) stageOfType[t.EventType] = i;

        var mapped = timeline.Where(e => stageOfType.ContainsKey(e.EventType)).OrderBy(e => e.AtUtc).ToList();
        var first = new DateTime?[journey.Stages.Count];
        var counts = new int[journey.Stages.Count];
        var typeCounts = new Dictionary<string, int>();
        int? current = null;
        DateTime? runStart = null;
        foreach (var e in mapped)
        {
            var s = stageOfType[e.EventType];
            first[s] ??= e.AtUtc;
            counts[s]++;
            typeCounts[e.EventType] = typeCounts.GetValueOrDefault(e.EventType) + 1;
            if (current != s) { current = s; runStart = e.AtUtc; }
        }

        var furthest = Array.FindLastIndex(first, f => f is not null);
        var missed = new List<MissedTouchpoint>();
        var repeated = new List<RepeatedTouchpoint>();
        for (var i = 0; i < journey.Stages.Count; i++)
            foreach (var t in journey.Stages[i].Touchpoints)
            {
                var n = typeCounts.GetValueOrDefault(t.EventType);
                if (t.Required && n == 0 && i < furthest) missed.Add(new MissedTouchpoint(journey.Stages[i].Key, t.EventType));
                if (!t.Repeatable && n > 1) repeated.Add(new RepeatedTouchpoint(journey.Stages[i].Key, t.EventType, n));
            }

        var overruns = new List<TargetOverrun>();
        foreach (var target in journey.Targets)
        {
            var from = first[journey.IndexOf(target.FromStage)];
            if (from is null) continue;
            var to = first[journey.IndexOf(target.ToStage)];
            var days = ((to ?? nowUtc) - from.Value).TotalDays;
            if (days > target.MaxDays) overruns.Add(new TargetOverrun(target.FromStage, target.ToStage, target.MaxDays, days, to is null));
        }

        var visits = Enumerable.Range(0, journey.Stages.Count).Where(i => first[i] is not null)
            .Select(i => new StageVisit(journey.Stages[i].Key, first[i]!.Value, counts[i])).ToList();
        return new CustomerJourneyProgress(
            current is { } c ? journey.Stages[c].Key : null,
            runStart,
            runStart is { } r ? nowUtc - r : null,
            visits, missed, repeated, overruns);
    }
}
