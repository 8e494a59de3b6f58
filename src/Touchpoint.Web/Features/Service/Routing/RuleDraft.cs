using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Web.Features.Service.Routing;

/// <summary>
/// A rule as the Settings page edits it: conditions and actions as rows of plain text, turned into a
/// <see cref="RuleInput"/> for the API's own handlers (which do all the checking), so the page never judges a rule itself.
/// </summary>
public sealed class RuleDraft
{
    public long? Id { get; set; }
    public string Name { get; set; } = "";
    public string Trigger { get; set; } = RuleTriggers.Created;
    public int? AfterMinutes { get; set; }
    public string Match { get; set; } = RuleMatch.All;
    public bool IsActive { get; set; } = true;
    public List<ConditionRow> Conditions { get; set; } = [];
    public List<ActionRow> Actions { get; set; } = [];

    public sealed class ConditionRow
    {
        public string Field { get; set; } = RuleFields.Content;
        public string Op { get; set; } = RuleOps.ContainsAny;

        /// <summary>Comma-separated: "refund, money back".</summary>
        public string Values { get; set; } = "";
    }

    public sealed class ActionRow
    {
        public string Type { get; set; } = RuleActionTypes.AddTags;

        /// <summary>The argument; for tag actions a comma-separated list.</summary>
        public string Value { get; set; } = "";
        public string Key { get; set; } = "";
    }

    public static RuleDraft From(RoutingRuleDto r) => new()
    {
        Id = r.Id, Name = r.Name, Trigger = r.Trigger, AfterMinutes = r.AfterMinutes, Match = r.Match, IsActive = r.IsActive,
        Conditions = r.Conditions.Select(c => new ConditionRow { Field = c.Field, Op = c.Op, Values = string.Join(", ", c.Values) }).ToList(),
        Actions = r.Actions.Select(a => new ActionRow
        {
            Type = a.Type, Key = a.Key ?? "", Value = a.Type is RuleActionTypes.AddTags or RuleActionTypes.RemoveTags ? string.Join(", ", a.Items) : a.Value ?? "",
        }).ToList(),
    };

    public RuleInput ToInput() => new()
    {
        Name = Name, Trigger = Trigger, AfterMinutes = RuleTriggers.IsTimed(Trigger) ? AfterMinutes : null, Match = Match, IsActive = IsActive,
        Conditions = Conditions.Select(c => (RuleCondition?)new RuleCondition(c.Field, c.Op, Split(c.Values))).ToList(),
        Actions = Actions.Select(a => (RuleAction?)(a.Type is RuleActionTypes.AddTags or RuleActionTypes.RemoveTags
            ? new RuleAction(a.Type, Values: Split(a.Value))
            : new RuleAction(a.Type, string.IsNullOrWhiteSpace(a.Value) ? null : a.Value.Trim(), Key: a.Type == RuleActionTypes.SetField ? a.Key : null))).ToList(),
    };

    private static List<string> Split(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>
    /// The problems of a handler's answer in words a person reads next to the rows: "conditions[1].values" becomes
    /// "Condition 2", "actions[0].value" becomes "Action 1".
    /// </summary>
    public static IReadOnlyList<string> Problems(IResult result) => result switch
    {
        INestedHttpResult nested => Problems(nested.Result),
        ValidationProblem vp => vp.ProblemDetails.Errors.SelectMany(e => e.Value.Select(m => $"{Label(e.Key)}: {m}.")).ToList(),
        NotFound => ["It no longer exists; reload the page."],
        _ => [],
    };

    internal static string Label(string field)
    {
        var m = System.Text.RegularExpressions.Regex.Match(field, @"^(rule\.)?(conditions|actions)\[(\d+)\]\.?(\w*)$");
        if (!m.Success) return char.ToUpperInvariant(field[0]) + field[1..];
        var row = (m.Groups[2].Value == "conditions" ? "Condition " : "Action ") + (int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) + 1);
        return m.Groups[4].Value is { Length: > 0 } part ? $"{row} ({part})" : row;
    }
}
