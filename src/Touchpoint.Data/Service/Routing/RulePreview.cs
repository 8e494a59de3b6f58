using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Data.Service.Routing;

public sealed record ConditionOutcome(int Index, string Condition, bool Holds);

public sealed record RulePreviewResult(long TicketId, bool WouldMatch, IReadOnlyList<ConditionOutcome> Conditions, IReadOnlyList<string> WouldDo);

/// <summary>
/// A dry run of one rule against an existing ticket: which conditions hold and what the actions would do (including
/// who round robin or skills would pick now), without changing the ticket, the audit trail or the round-robin turn.
/// </summary>
public static class RulePreview
{
    public static async Task<(RulePreviewResult? Result, IReadOnlyList<FieldError> Errors)> RunAsync(TouchpointDb db, RuleInput input, long ticketId, CancellationToken ct)
    {
        var check = RuleValidator.Check(input, await RoutingRuleStore.ReferencesAsync(db, ct));
        if (check.Errors.Count > 0) return (null, check.Errors);
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return (null, [new("ticketId", $"no ticket has id {ticketId}")]);

        var rule = new RoutingRule { Match = input.Match ?? RuleMatch.All, ConditionsJson = RoutingRule.Write(check.Conditions), ActionsJson = RoutingRule.Write(check.Actions) };
        var facts = await RoutingFactsLoader.LoadAsync(db, ticket, null, null, ct);
        var outcomes = check.Conditions.Select((c, i) => new ConditionOutcome(i, $"{c.Field} {c.Op.Replace('_', ' ')} {string.Join(", ", c.Values)}", RuleMatcher.Holds(c, facts))).ToList();
        var matches = RuleMatcher.Matches(rule, facts);
        var after = RuleMatcher.Apply(facts, check.Actions);
        var planned = new Ticket { Id = ticket.Id, CustomerId = ticket.CustomerId, TeamId = after.TeamId, AssigneeId = ticket.AssigneeId, TagsJson = TicketTags.Write(after.Tags) };
        var wouldDo = new List<string>();
        foreach (var a in check.Actions) wouldDo.Add(await DescribeAsync(db, planned, a, ct));
        return (new RulePreviewResult(ticket.Id, matches, outcomes, wouldDo), []);
    }

    private static async Task<string> DescribeAsync(TouchpointDb db, Ticket planned, RuleAction a, CancellationToken ct)
    {
        switch (a.Type)
        {
            case RuleActionTypes.SetTeam:
                return "set team to " + await TeamNameAsync(db, long.Parse(a.Value!, CultureInfo.InvariantCulture), ct);
            case RuleActionTypes.AssignAgent or RuleActionTypes.AssignRoundRobin or RuleActionTypes.AssignBySkills:
                var (pick, why, _) = await TicketRouting.ChooseAsync(db, planned, a, ct);
                if (pick is null) return "assign nobody: " + why;
                var name = await db.Users.AsNoTracking().Where(u => u.Id == pick).Select(u => u.DisplayName).FirstAsync(ct);
                return $"assign to {name} (#{pick})" + (a.Type == RuleActionTypes.AssignAgent ? "" : $" by {(a.Type == RuleActionTypes.AssignRoundRobin ? "round robin" : "skills")}");
            case RuleActionTypes.ReplyWithMacro:
                var macroId = long.Parse(a.Value!, CultureInfo.InvariantCulture);
                var macro = await db.Macros.AsNoTracking().Where(m => m.Id == macroId).Select(m => m.Name).FirstAsync(ct);
                return $"reply with macro '{macro}' (automatic: not a first response)";
            case RuleActionTypes.AddTags: return "add tags " + string.Join(", ", a.Items);
            case RuleActionTypes.RemoveTags: return "remove tags " + string.Join(", ", a.Items);
            case RuleActionTypes.SetField: return string.IsNullOrEmpty(a.Value) ? $"clear {a.Key}" : $"set {a.Key} to {a.Value}";
            case RuleActionTypes.SetPriority: return "set priority to " + a.Value;
            case RuleActionTypes.SetStatus: return "set status to " + a.Value;
            default: return "stop: later rules are not evaluated";
        }
    }

    private static async Task<string> TeamNameAsync(TouchpointDb db, long id, CancellationToken ct) =>
        (await db.Teams.AsNoTracking().Where(t => t.Id == id).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "?") + $" (#{id})";
}
