using System.Globalization;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Domain.Service.Routing;

/// <summary>Checks one action of a rule (see <see cref="RuleValidator"/>) and returns it in stored form.</summary>
internal static class RuleActionValidator
{
    public static RuleAction? Check(RuleAction? a, string at, RuleReferences refs, List<FieldError> errors)
    {
        if (a is null) { errors.Add(new(at, "is empty")); return null; }
        var type = a.Type?.Trim() ?? "";
        string? problem = null;
        RuleAction? ok = null;
        switch (type)
        {
            case RuleActionTypes.SetTeam:
                ok = Single(type, RuleValidator.KnownId(a.Value, refs.TeamIds, "team", out problem));
                break;
            case RuleActionTypes.AssignAgent:
                ok = Single(type, RuleValidator.KnownId(a.Value, refs.AgentIds, "active agent or admin", out problem));
                break;
            case RuleActionTypes.ReplyWithMacro:
                ok = Single(type, RuleValidator.KnownId(a.Value, refs.MacroIds, "macro", out problem));
                break;
            case RuleActionTypes.SetPriority:
                if (TicketEdit.TryParsePriority(a.Value, out var p)) ok = Single(type, TicketEdit.Wire(p));
                else problem = $"'{a.Value}' is not a priority (low, normal, high, urgent)";
                break;
            case RuleActionTypes.SetStatus:
                // New is where tickets start, not where a rule can send them.
                if (TicketWorkflow.TryParse(a.Value, out var s) && s != TicketStatus.New) ok = Single(type, s.Wire());
                else problem = $"'{a.Value}' is not a status a rule can set (open, pending, on_hold, solved, closed)";
                break;
            case RuleActionTypes.AddTags or RuleActionTypes.RemoveTags:
                var tags = new List<string>();
                foreach (var raw in a.Items)
                    if (TicketTags.Normalise(raw, out var why) is { } tag) tags.Add(tag); else errors.Add(new($"{at}.values", why!));
                if (a.Items.Count == 0) problem = "give at least one tag";
                else ok = new RuleAction(type, Values: tags.Distinct().ToList());
                break;
            case RuleActionTypes.SetField:
                if (a.Key is null || !refs.CustomFields.TryGetValue(a.Key.Trim(), out var def))
                {
                    errors.Add(new($"{at}.key", $"no custom field has the key '{a.Key}'"));
                    return null;
                }
                if (string.IsNullOrWhiteSpace(a.Value)) ok = new RuleAction(type, Key: def.Key);
                else if (CustomFieldRules.Normalise(def, a.Value, out problem) is { } v) ok = new RuleAction(type, v, Key: def.Key);
                break;
            case RuleActionTypes.AssignRoundRobin or RuleActionTypes.AssignBySkills:
                // Without a team the ticket's own team is used at run time.
                if (string.IsNullOrWhiteSpace(a.Value)) ok = new RuleAction(type);
                else ok = Single(type, RuleValidator.KnownId(a.Value, refs.TeamIds, "team", out problem));
                break;
            case RuleActionTypes.Stop:
                ok = new RuleAction(type);
                break;
            default:
                errors.Add(new($"{at}.type", $"must be one of {string.Join(", ", RuleActionTypes.All)}"));
                return null;
        }
        if (problem is not null) errors.Add(new($"{at}.value", problem));
        return problem is null ? ok : null;
    }

    private static RuleAction? Single(string type, string? value) => value is null ? null : new RuleAction(type, value);

    internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
