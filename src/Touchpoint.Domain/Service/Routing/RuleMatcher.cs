using System.Globalization;

namespace Touchpoint.Domain.Service.Routing;

/// <summary>One rule that matched during a run, with the actions it asks for.</summary>
public sealed record MatchedRule(RoutingRule Rule, IReadOnlyList<RuleAction> Actions);

/// <summary>
/// Decides which rules apply to a ticket. Rules of the trigger run in position order (then id); each sees the facts
/// as the matched rules before it changed them; a rule with a "stop" action ends the run after its own actions.
/// Pure: assignment and replies are carried out by the caller, which knows the agents and macros.
/// </summary>
public static class RuleMatcher
{
    public static IReadOnlyList<MatchedRule> Plan(IEnumerable<RoutingRule> rules, string trigger, RoutingFacts facts)
    {
        var matched = new List<MatchedRule>();
        foreach (var rule in rules.Where(r => r.IsActive && r.Trigger == trigger).OrderBy(r => r.Position).ThenBy(r => r.Id))
        {
            if (!Matches(rule, facts)) continue;
            var actions = rule.Actions;
            matched.Add(new MatchedRule(rule, actions));
            facts = Apply(facts, actions);
            if (actions.Any(a => a.Type == RuleActionTypes.Stop)) break;
        }
        return matched;
    }

    public static bool Matches(RoutingRule rule, RoutingFacts facts)
    {
        var conditions = rule.Conditions;
        if (conditions.Count == 0) return true;
        return rule.Match == RuleMatch.Any ? conditions.Any(c => Holds(c, facts)) : conditions.All(c => Holds(c, facts));
    }

    public static bool Holds(RuleCondition c, RoutingFacts f)
    {
        switch (c.Field)
        {
            case RuleFields.Content:
                var any = c.Values.Any(w => !string.IsNullOrWhiteSpace(w) &&
                    (f.Subject.Contains(w.Trim(), StringComparison.OrdinalIgnoreCase) || f.Text.Contains(w.Trim(), StringComparison.OrdinalIgnoreCase)));
                return c.Op == RuleOps.ContainsNone ? !any : any;
            case RuleFields.Tag:
                var has = c.Values.Any(t => f.Tags.Contains(t.Trim().ToLowerInvariant()));
                return c.Op == RuleOps.HasNone ? !has : has;
        }
        var value = ValueOf(c.Field, f);
        var isOne = value is not null && c.Values.Any(v => string.Equals(v.Trim(), value, StringComparison.OrdinalIgnoreCase));
        return c.Op == RuleOps.IsNot ? !isOne : isOne;
    }

    private static string? ValueOf(string field, RoutingFacts f) => field switch
    {
        RuleFields.Channel => f.Channel,
        RuleFields.Segment => f.Segment,
        RuleFields.Priority => TicketEdit.Wire(f.Priority),
        RuleFields.Status => f.Status.Wire(),
        RuleFields.Team => Id(f.TeamId),
        RuleFields.Mailbox => Id(f.MailboxId),
        _ when field.StartsWith(RuleFields.CustomFieldPrefix, StringComparison.Ordinal) =>
            f.Fields.TryGetValue(field[RuleFields.CustomFieldPrefix.Length..], out var v) ? v : null,
        _ => null,
    };

    /// <summary>The facts after the property actions (assignment and replies change nothing a condition reads).</summary>
    public static RoutingFacts Apply(RoutingFacts f, IEnumerable<RuleAction> actions)
    {
        foreach (var a in actions)
        {
            switch (a.Type)
            {
                case RuleActionTypes.SetTeam when long.TryParse(a.Value, CultureInfo.InvariantCulture, out var team):
                    f = f with { TeamId = team };
                    break;
                case RuleActionTypes.SetPriority when TicketEdit.TryParsePriority(a.Value, out var p):
                    f = f with { Priority = p };
                    break;
                case RuleActionTypes.SetStatus when TicketWorkflow.TryParse(a.Value, out var s):
                    f = f with { Status = s };
                    break;
                case RuleActionTypes.AddTags:
                    f = f with { Tags = f.Tags.Union(a.Items.Select(t => t.Trim().ToLowerInvariant())).ToHashSet() };
                    break;
                case RuleActionTypes.RemoveTags:
                    f = f with { Tags = f.Tags.Except(a.Items.Select(t => t.Trim().ToLowerInvariant())).ToHashSet() };
                    break;
                case RuleActionTypes.SetField when a.Key is { } key:
                    var fields = new Dictionary<string, string>(f.Fields);
                    if (string.IsNullOrWhiteSpace(a.Value)) fields.Remove(key); else fields[key] = a.Value.Trim();
                    f = f with { Fields = fields };
                    break;
            }
        }
        return f;
    }

    private static string? Id(long? id) => id?.ToString(CultureInfo.InvariantCulture);
}
