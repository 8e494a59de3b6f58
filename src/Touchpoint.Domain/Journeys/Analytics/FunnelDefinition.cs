namespace Touchpoint.Domain.Journeys.Analytics;

/// <summary>How a funnel's steps must follow one another (PostHog's "step order").</summary>
public enum FunnelOrder
{
    /// <summary>Steps in the given order; other events may happen in between (PostHog "sequential").</summary>
    Ordered,

    /// <summary>Steps in the given order and nothing else in between: each step is the customer's very next event.</summary>
    Strict,

    /// <summary>All steps within the window, in any order; step k means "k of the steps done".</summary>
    Unordered,
}

/// <summary>What the results are split by. Channel and property come from the event the attribution names.</summary>
public enum FunnelBreakdownKind { None, Segment, Channel, Property }

/// <summary>
/// Which of the customer's funnel events gives a channel or property breakdown its value (PostHog's "breakdown
/// attribution"): the first step (first touch), the furthest step reached (last touch), or one chosen step.
/// A segment belongs to the customer, so attribution does not change it.
/// </summary>
public enum BreakdownAttribution { FirstTouch, LastTouch, Step }

/// <summary>One step: an event type, optionally narrowed by property values (all must match, compared as text).</summary>
public sealed record FunnelStep(string EventType, IReadOnlyDictionary<string, string>? Properties = null, bool Optional = false, string? Label = null)
{
    public string Name => Label ?? EventType;

    public bool Matches(FunnelEvent e) => e.Type == EventType && PropertyFilter.Matches(Properties, e);
}

/// <summary>
/// An event that disqualifies an attempt when it happens after step <see cref="FromStep"/> and before step
/// <see cref="ToStep"/> (0-based indices).
/// </summary>
public sealed record FunnelExclusion(string EventType, int FromStep, int ToStep, IReadOnlyDictionary<string, string>? Properties = null)
{
    public bool Matches(FunnelEvent e) => e.Type == EventType && PropertyFilter.Matches(Properties, e);
}

/// <param name="Step">0-based step index for <see cref="BreakdownAttribution.Step"/>.</param>
public sealed record FunnelBreakdown(FunnelBreakdownKind Kind, string? Property = null,
    BreakdownAttribution Attribution = BreakdownAttribution.FirstTouch, int Step = 0)
{
    public static readonly FunnelBreakdown None = new(FunnelBreakdownKind.None);

    /// <summary>
    /// The value a customer is counted under, from the attributed event of their chosen attempt: the event that
    /// started it (first touch), or one of <paramref name="steps"/> (null where a step was not reached). Empty or
    /// missing values, and a chosen step not reached, become "(none)".
    /// </summary>
    public string ValueOf(CustomerEvents customer, FunnelEvent start, IReadOnlyList<FunnelEvent?> steps)
    {
        var source = Attribution switch
        {
            BreakdownAttribution.LastTouch => steps.LastOrDefault(e => e is not null),
            BreakdownAttribution.Step => Step < steps.Count ? steps[Step] : null,
            _ => start,
        };
        var v = Kind switch
        {
            FunnelBreakdownKind.Segment => customer.Segment,
            FunnelBreakdownKind.Channel => source?.Channel,
            FunnelBreakdownKind.Property => source?.Properties is { } p && Property is not null && p.TryGetValue(Property, out var x) ? x : null,
            _ => "",
        };
        return Kind == FunnelBreakdownKind.None ? "" : string.IsNullOrEmpty(v) ? NoValue : v;
    }

    public const string NoValue = "(none)";
}

/// <summary>
/// A funnel question. Semantics (docs/funnels.md): a customer's attempt starts at an event of the first step
/// (any step when <see cref="FunnelOrder.Unordered"/>) that falls in [<see cref="FromUtc"/>, <see cref="ToUtc"/>);
/// every later step must happen within <see cref="Window"/> of that start. Each customer counts once, by the attempt
/// that gets furthest (the earliest such attempt on a tie).
/// </summary>
public sealed record FunnelDefinition
{
    public const int MaxSteps = 20;

    public required IReadOnlyList<FunnelStep> Steps { get; init; }
    public IReadOnlyList<FunnelExclusion> Exclusions { get; init; } = [];
    public required TimeSpan Window { get; init; }
    public FunnelOrder Order { get; init; } = FunnelOrder.Ordered;
    public FunnelBreakdown Breakdown { get; init; } = FunnelBreakdown.None;
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }

    /// <summary>Most breakdown values reported (largest first); the total always covers everyone.</summary>
    public int BreakdownLimit { get; init; } = 25;

    /// <summary>Index of the required step before <paramref name="k"/> (optional steps are skipped), or -1 for the first.</summary>
    public int PreviousRequired(int k)
    {
        for (var i = k - 1; i >= 0; i--) if (!Steps[i].Optional) return i;
        return -1;
    }

    public bool InRange(DateTime t) => (FromUtc is null || t >= FromUtc) && (ToUtc is null || t < ToUtc);

    /// <summary>Field-level problems, named as the API body names them.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (Steps.Count < 2) errors.Add(new("steps", "a funnel needs at least 2 steps"));
        if (Steps.Count > MaxSteps) errors.Add(new("steps", $"a funnel has at most {MaxSteps} steps"));
        for (var i = 0; i < Steps.Count; i++)
            if (string.IsNullOrWhiteSpace(Steps[i].EventType)) errors.Add(new($"steps[{i}].eventType", "is required"));
        if (Steps.Count > 0 && Steps[0].Optional) errors.Add(new("steps[0].optional", "the first step cannot be optional"));
        if (Steps.Count > 0 && Steps[^1].Optional) errors.Add(new($"steps[{Steps.Count - 1}].optional", "the last step cannot be optional"));
        if (Order != FunnelOrder.Ordered && Steps.Any(s => s.Optional))
            errors.Add(new("steps", "optional steps are only allowed in ordered funnels"));
        if (Window <= TimeSpan.Zero) errors.Add(new("window", "must be longer than zero"));
        if (Window > TimeSpan.FromDays(366)) errors.Add(new("window", "is at most 366 days"));
        if (FromUtc is { } f && ToUtc is { } t && f >= t) errors.Add(new("to", "must be after from"));
        if (Exclusions.Count > 0 && Order != FunnelOrder.Ordered) errors.Add(new("exclusions", "exclusion steps are only allowed in ordered funnels"));
        for (var i = 0; i < Exclusions.Count; i++)
        {
            var x = Exclusions[i];
            if (string.IsNullOrWhiteSpace(x.EventType)) errors.Add(new($"exclusions[{i}].eventType", "is required"));
            if (x.FromStep < 0 || x.ToStep >= Steps.Count || x.FromStep >= x.ToStep)
                errors.Add(new($"exclusions[{i}]", "fromStep and toStep must name two steps of the funnel, fromStep before toStep"));
            else if (Steps[x.FromStep].Optional || Steps[x.ToStep].Optional)
                errors.Add(new($"exclusions[{i}]", "fromStep and toStep must be required steps"));
        }
        if (Breakdown.Kind == FunnelBreakdownKind.Property && string.IsNullOrWhiteSpace(Breakdown.Property))
            errors.Add(new("breakdown.property", "is required when breaking down by property"));
        if (Breakdown.Attribution == BreakdownAttribution.Step && (Breakdown.Step < 0 || Breakdown.Step >= Steps.Count))
            errors.Add(new("breakdownAttribution", $"step must name a step of the funnel, 1 to {Steps.Count}"));
        if (BreakdownLimit is < 1 or > 1000) errors.Add(new("breakdownLimit", "must be between 1 and 1000"));
        return errors;
    }
}

internal static class PropertyFilter
{
    public static bool Matches(IReadOnlyDictionary<string, string>? filter, FunnelEvent e)
    {
        if (filter is null || filter.Count == 0) return true;
        if (e.Properties is null) return false;
        foreach (var (k, v) in filter)
            if (!e.Properties.TryGetValue(k, out var actual) || actual != v) return false;
        return true;
    }
}
