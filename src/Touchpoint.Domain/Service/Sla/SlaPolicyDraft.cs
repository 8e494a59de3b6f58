namespace Touchpoint.Domain.Service.Sla;

/// <summary>Which tickets a policy applies to; an empty list means "any". All given lists must match.</summary>
public sealed record SlaConditions
{
    public IReadOnlyList<string>? Priorities { get; init; }
    public IReadOnlyList<string>? Segments { get; init; }
    public IReadOnlyList<string>? Channels { get; init; }
    public IReadOnlyList<long>? TeamIds { get; init; }
}

/// <summary>Targets of one priority in minutes of SLA-clock time; null means no target for that clock.</summary>
public sealed record SlaTargetMinutes
{
    public int? FirstResponse { get; init; }
    public int? NextResponse { get; init; }
    public int? Resolution { get; init; }
}

/// <summary>The calendar a policy counts in; all null means the workspace calendar.</summary>
public sealed record SlaCalendarInput
{
    public string? TimeZone { get; init; }
    public string? BusinessHours { get; init; }
    public IReadOnlyList<string>? Holidays { get; init; }
}

/// <summary>
/// When to warn before a breach: at a share of the target (<see cref="Percent"/> of it used up) or a fixed
/// <see cref="MinutesBefore"/> the due instant, both in SLA-clock time. Neither: no warning.
/// </summary>
public sealed record SlaWarning
{
    public int? Percent { get; init; }
    public int? MinutesBefore { get; init; }
}

/// <summary>What happens when a warning or a breach fires. Every action also leaves an audit entry on the ticket.</summary>
public sealed record SlaActions
{
    /// <summary>An in-app notification to the assignee, or to the team's members when nobody is assigned.</summary>
    public bool Notify { get; init; }

    /// <summary>One step up: low → normal → high → urgent.</summary>
    public bool RaisePriority { get; init; }

    public long? TeamId { get; init; }
    public string? AddTag { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => !Notify && !RaisePriority && TeamId is null && string.IsNullOrWhiteSpace(AddTag);
}

/// <summary>A policy as the API and the Settings page send it, and as its JSON columns store it.</summary>
public sealed record SlaPolicyDraft
{
    public string? Name { get; init; }

    /// <summary>Null on create: after the last policy.</summary>
    public int? Position { get; init; }

    public SlaConditions? Conditions { get; init; }

    /// <summary>Priority (low, normal, high, urgent) → targets; a priority left out has no targets.</summary>
    public IReadOnlyDictionary<string, SlaTargetMinutes>? Targets { get; init; }

    public SlaCalendarInput? Calendar { get; init; }
    public SlaWarning? Warning { get; init; }
    public SlaActions? OnWarning { get; init; }
    public SlaActions? OnBreach { get; init; }
}

/// <summary>The store's escalation JSON: the warning rule and both action sets.</summary>
public sealed record SlaEscalationSettings(SlaWarning? Warning, SlaActions? OnWarning, SlaActions? OnBreach);
