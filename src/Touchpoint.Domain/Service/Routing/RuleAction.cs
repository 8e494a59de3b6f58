using System.Text.Json.Serialization;

namespace Touchpoint.Domain.Service.Routing;

/// <summary>
/// One change a rule makes. <see cref="Type"/> is one of <see cref="RuleActionTypes"/>; <see cref="Value"/> carries
/// the single argument (team id, priority, user id, macro id, status, field value), <see cref="Values"/> the tags,
/// <see cref="Key"/> the custom field's key.
/// </summary>
public sealed record RuleAction(string Type, string? Value = null, IReadOnlyList<string>? Values = null, string? Key = null)
{
    [JsonIgnore]
    public IReadOnlyList<string> Items => Values ?? [];
}

public static class RuleActionTypes
{
    public const string SetTeam = "set_team";
    public const string SetPriority = "set_priority";
    public const string SetStatus = "set_status";
    public const string AddTags = "add_tags";
    public const string RemoveTags = "remove_tags";
    public const string SetField = "set_field";
    public const string AssignAgent = "assign_agent";

    /// <summary>The next available member of the ticket's team with room, after the last one given a ticket.</summary>
    public const string AssignRoundRobin = "assign_round_robin";

    /// <summary>The available member of the ticket's team with room whose skills match most tags and field values.</summary>
    public const string AssignBySkills = "assign_by_skills";

    /// <summary>A public reply from a macro, marked automatic: never a first response.</summary>
    public const string ReplyWithMacro = "reply_with_macro";

    /// <summary>Later rules are not evaluated for this event.</summary>
    public const string Stop = "stop";

    public static readonly IReadOnlyList<string> All =
        [SetTeam, SetPriority, SetStatus, AddTags, RemoveTags, SetField, AssignAgent, AssignRoundRobin, AssignBySkills, ReplyWithMacro, Stop];

    /// <summary>
    /// Actions that lose something or speak to the customer: on an event rule without conditions they would hit every
    /// ticket, which is almost always a mistake, so validation refuses them there.
    /// </summary>
    public static bool IsDestructive(RuleAction a) =>
        a.Type is RemoveTags or ReplyWithMacro or SetStatus || (a.Type == SetField && string.IsNullOrWhiteSpace(a.Value));
}
