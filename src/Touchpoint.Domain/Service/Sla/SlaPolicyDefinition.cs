namespace Touchpoint.Domain.Service.Sla;

/// <summary>
/// One stored SLA policy, as an admin edits it. The parts an admin sets as a whole (conditions, targets, escalation)
/// are kept as JSON in the shapes of <see cref="SlaPolicyDraft"/>, so the table stays small and a new condition or
/// action never needs a schema change. <see cref="SlaPolicyDrafts.Read"/> turns a row back into a draft.
/// </summary>
public sealed class SlaPolicyDefinition
{
    public long Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Order of evaluation, 1 first; unique. The first policy whose conditions match a ticket applies.</summary>
    public int Position { get; set; }

    public string ConditionsJson { get; set; } = "{}";
    public string TargetsJson { get; set; } = "{}";

    /// <summary>Null: the workspace calendar. Otherwise an IANA zone with its own opening hours and holidays.</summary>
    public string? TimeZone { get; set; }
    public string? BusinessHours { get; set; }

    /// <summary>Local dates yyyy-MM-dd, comma-separated.</summary>
    public string Holidays { get; set; } = "";

    public string EscalationJson { get; set; } = "{}";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
