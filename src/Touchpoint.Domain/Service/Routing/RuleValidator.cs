using System.Globalization;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Domain.Service.Routing;

/// <summary>A rule as typed by a person, before it is checked.</summary>
public sealed record RuleInput
{
    public string? Name { get; init; }
    public string? Trigger { get; init; }
    public int? AfterMinutes { get; init; }
    public string? Match { get; init; }
    public bool? IsActive { get; init; }
    public IReadOnlyList<RuleCondition?>? Conditions { get; init; }
    public IReadOnlyList<RuleAction?>? Actions { get; init; }
}

/// <summary>What exists in the store, so a rule naming something else is refused when saved, not when it runs.</summary>
public sealed record RuleReferences(
    IReadOnlySet<long> TeamIds,
    IReadOnlySet<long> AgentIds,
    IReadOnlySet<long> MacroIds,
    IReadOnlySet<long> MailboxIds,
    IReadOnlyDictionary<string, CustomField> CustomFields);

/// <summary>The checked rule in stored form, or the problems naming the field and index (conditions[1].values).</summary>
public sealed record RuleCheck(IReadOnlyList<RuleCondition> Conditions, IReadOnlyList<RuleAction> Actions, IReadOnlyList<FieldError> Errors);

/// <summary>
/// Validation of a rule when it is saved: unknown teams, agents, macros, mailboxes and custom fields, values a field
/// cannot hold, operators a field does not have, time triggers without a duration, and destructive actions on an
/// event rule with no conditions are refused with the reason. Values come back in canonical form (tags normalised,
/// field values as the field stores them), so matching at run time compares like with like.
/// </summary>
public static class RuleValidator
{
    public const int MaxConditions = 30;
    public const int MaxActions = 20;

    /// <summary>A time trigger waits at least a minute and at most 90 days.</summary>
    public const int MaxAfterMinutes = 90 * 24 * 60;

    public static RuleCheck Check(RuleInput input, RuleReferences refs)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add(new("name", "is required"));
        else if (input.Name.Trim().Length > 100) errors.Add(new("name", "is longer than 100 characters"));
        var trigger = input.Trigger?.Trim().ToLowerInvariant();
        if (trigger is null || !RuleTriggers.All.Contains(trigger))
            errors.Add(new("trigger", $"must be one of {string.Join(", ", RuleTriggers.All)}"));
        else if (RuleTriggers.IsTimed(trigger) && input.AfterMinutes is not (>= 1 and <= MaxAfterMinutes))
            errors.Add(new("afterMinutes", $"a {trigger} rule needs afterMinutes between 1 and {MaxAfterMinutes}"));
        else if (!RuleTriggers.IsTimed(trigger) && input.AfterMinutes is not null)
            errors.Add(new("afterMinutes", $"only time triggers ({string.Join(", ", RuleTriggers.Timed)}) take afterMinutes"));
        if (input.Match is not null && input.Match is not (RuleMatch.All or RuleMatch.Any)) errors.Add(new("match", "must be all or any"));

        var conditions = new List<RuleCondition>();
        var rawConditions = input.Conditions ?? [];
        if (rawConditions.Count > MaxConditions) errors.Add(new("conditions", $"a rule has at most {MaxConditions} conditions"));
        for (var i = 0; i < rawConditions.Count; i++)
            if (CheckCondition(rawConditions[i], $"conditions[{i}]", refs, errors) is { } c) conditions.Add(c);

        var actions = new List<RuleAction>();
        var rawActions = input.Actions ?? [];
        if (rawActions.Count == 0) errors.Add(new("actions", "a rule needs at least one action"));
        if (rawActions.Count > MaxActions) errors.Add(new("actions", $"a rule has at most {MaxActions} actions"));
        for (var i = 0; i < rawActions.Count; i++)
            if (RuleActionValidator.Check(rawActions[i], $"actions[{i}]", refs, errors) is { } a) actions.Add(a);

        if (trigger is not null && !RuleTriggers.IsTimed(trigger) && rawConditions.Count == 0)
            for (var i = 0; i < actions.Count; i++)
                if (RuleActionTypes.IsDestructive(actions[i]))
                    errors.Add(new($"actions[{i}].type", $"{actions[i].Type} on every ticket is refused: add a condition that says which tickets"));
        if (trigger == RuleTriggers.Solved || trigger == RuleTriggers.SolvedFor)
            for (var i = 0; i < actions.Count; i++)
                if (actions[i].Type == RuleActionTypes.ReplyWithMacro)
                    errors.Add(new($"actions[{i}].type", "a solved ticket is not answered by a rule; the CSAT survey follows a solve"));
        return new RuleCheck(conditions, actions, errors);
    }

    private static RuleCondition? CheckCondition(RuleCondition? c, string at, RuleReferences refs, List<FieldError> errors)
    {
        if (c is null) { errors.Add(new(at, "is empty")); return null; }
        var field = c.Field?.Trim() ?? "";
        string? key = null;
        if (field.StartsWith(RuleFields.CustomFieldPrefix, StringComparison.Ordinal)) key = field[RuleFields.CustomFieldPrefix.Length..];
        else if (!RuleFields.Plain.Contains(field))
        {
            errors.Add(new($"{at}.field", $"must be one of {string.Join(", ", RuleFields.Plain)} or field:<key>"));
            return null;
        }
        var op = c.Op?.Trim() ?? "";
        if (!RuleOps.For(field).Contains(op)) errors.Add(new($"{at}.op", $"{field} takes {string.Join(" or ", RuleOps.For(field))}"));
        var values = (c.Values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToList();
        if (values.Count == 0) { errors.Add(new($"{at}.values", "give at least one value")); return null; }

        var canonical = new List<string>();
        foreach (var v in values)
            if (ConditionValue(field, key, v, refs, out var problem) is { } ok) canonical.Add(ok);
            else errors.Add(new($"{at}.values", problem!));
        return new RuleCondition(field, op, canonical);
    }

    private static string? ConditionValue(string field, string? key, string v, RuleReferences refs, out string? problem)
    {
        problem = null;
        if (key is not null)
        {
            if (!refs.CustomFields.TryGetValue(key, out var def)) { problem = $"no custom field has the key '{key}'"; return null; }
            var value = CustomFieldRules.Normalise(def, v, out var why);
            if (value is null) problem = why;
            return value;
        }
        switch (field)
        {
            case RuleFields.Priority:
                if (TicketEdit.TryParsePriority(v, out var p)) return TicketEdit.Wire(p);
                problem = $"'{v}' is not a priority (low, normal, high, urgent)";
                return null;
            case RuleFields.Status:
                if (TicketWorkflow.TryParse(v, out var s)) return s.Wire();
                problem = $"'{v}' is not a status";
                return null;
            case RuleFields.Team:
                return KnownId(v, refs.TeamIds, "team", out problem);
            case RuleFields.Mailbox:
                return KnownId(v, refs.MailboxIds, "mailbox", out problem);
            case RuleFields.Tag:
                return TicketTags.Normalise(v, out problem);
            default:
                if (v.Length <= 200) return field is RuleFields.Content ? v : v.ToLowerInvariant();
                problem = "a value is at most 200 characters";
                return null;
        }
    }

    internal static string? KnownId(string? v, IReadOnlySet<long> known, string what, out string? problem)
    {
        problem = null;
        if (long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && known.Contains(id)) return id.ToString(CultureInfo.InvariantCulture);
        problem = $"no {what} has id '{v}'";
        return null;
    }
}
