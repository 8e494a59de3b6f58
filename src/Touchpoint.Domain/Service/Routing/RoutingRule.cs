using System.Text.Json;

namespace Touchpoint.Domain.Service.Routing;

/// <summary>
/// A routing or automation rule: when its trigger fires and its conditions hold, its actions change the ticket.
/// Rules run in <see cref="Position"/> order, each seeing the ticket as the earlier rules left it; a "stop" action
/// ends the run. Conditions and actions are kept as JSON (their shapes are <see cref="RuleCondition"/> and
/// <see cref="RuleAction"/>), so adding a kind of condition needs no schema change. Semantics: docs/routing.md.
/// </summary>
public sealed class RoutingRule
{
    public long Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Order of evaluation, lowest first; the reorder API rewrites these as 1, 2, 3...</summary>
    public int Position { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>One of <see cref="RuleTriggers"/>.</summary>
    public string Trigger { get; set; } = RuleTriggers.Created;

    /// <summary>For time triggers: how long the ticket must have been in the state, in minutes.</summary>
    public int? AfterMinutes { get; set; }

    /// <summary>"all" (every condition holds) or "any" (at least one does).</summary>
    public string Match { get; set; } = RuleMatch.All;
    public string ConditionsJson { get; set; } = "[]";
    public string ActionsJson { get; set; } = "[]";

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public IReadOnlyList<RuleCondition> Conditions => Read<RuleCondition>(ConditionsJson);
    public IReadOnlyList<RuleAction> Actions => Read<RuleAction>(ActionsJson);

    public static string Write<T>(IEnumerable<T> items) => JsonSerializer.Serialize(items.ToArray(), JsonSerializerOptions.Web);

    private static T[] Read<T>(string json) => JsonSerializer.Deserialize<T[]>(json, JsonSerializerOptions.Web) ?? [];
}

/// <summary>What sets a rule off: three events on the write path and three states held for a while.</summary>
public static class RuleTriggers
{
    public const string Created = "created";
    public const string CustomerReplied = "customer_replied";
    public const string Solved = "solved";
    public const string PendingFor = "pending_for";
    public const string UnassignedFor = "unassigned_for";
    public const string SolvedFor = "solved_for";

    public static readonly IReadOnlyList<string> Events = [Created, CustomerReplied, Solved];
    public static readonly IReadOnlyList<string> Timed = [PendingFor, UnassignedFor, SolvedFor];
    public static readonly IReadOnlyList<string> All = [.. Events, .. Timed];

    public static bool IsTimed(string trigger) => Timed.Contains(trigger);
}

public static class RuleMatch
{
    public const string All = "all";
    public const string Any = "any";
}
