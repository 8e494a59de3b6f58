using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Data.Service.Routing;

/// <summary>
/// Carries out routing rules on a ticket, in the caller's unit of work. Called by <see cref="TicketThread"/> on the
/// write path (ticket created, customer replied: every channel passes there) and by <see cref="RoutingScheduler"/>
/// for solves and time triggers. Property changes go through <see cref="TicketThread.EditAsync"/>, so rules obey the
/// same checks as people and every change is in the audit trail with the source "rule:&lt;id&gt;", next to an entry
/// naming the rule. A refused action is noted in that entry and never stops the message from being stored.
/// Nothing a rule does sets rules off again: its reply is automatic, and edits fire no events.
/// </summary>
public static class TicketRouting
{
    /// <summary>The name automatic replies are signed with in macro placeholders ({{agent.name}}).</summary>
    public const string AutomationName = "Touchpoint";

    public static async Task RunEventAsync(TouchpointDb db, Ticket ticket, string trigger, IncomingMessage message, CancellationToken ct)
    {
        if (message.SkipRules) return;
        var rules = await db.Set<RoutingRule>().AsNoTracking().Where(r => r.IsActive && r.Trigger == trigger).ToListAsync(ct);
        if (rules.Count == 0) return;
        var facts = await RoutingFactsLoader.LoadAsync(db, ticket, message.Body, message.MailboxId, ct);
        foreach (var matched in RuleMatcher.Plan(rules, trigger, facts))
            await ApplyRuleAsync(db, ticket, matched, message.AtUtc, ct);
    }

    /// <summary>Applies one matched rule's actions in order and writes the audit entry naming it. Saves.</summary>
    public static async Task ApplyRuleAsync(TouchpointDb db, Ticket ticket, MatchedRule matched, DateTime atUtc, CancellationToken ct)
    {
        var rule = matched.Rule;
        var source = "rule:" + rule.Id.ToString(CultureInfo.InvariantCulture);
        var notes = new List<string>();
        var edit = PropertyEdit(matched.Actions);
        if (!edit.IsEmpty)
        {
            var problems = await TicketThread.EditAsync(db, ticket, edit, atUtc, null, source, ct);
            if (problems.Count > 0) notes.Add("changes refused: " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")));
        }
        foreach (var action in matched.Actions)
        {
            var note = action.Type switch
            {
                RuleActionTypes.AssignAgent or RuleActionTypes.AssignRoundRobin or RuleActionTypes.AssignBySkills =>
                    await AssignAsync(db, ticket, action, atUtc, source, ct),
                RuleActionTypes.ReplyWithMacro => await ReplyAsync(db, ticket, action, atUtc, ct),
                _ => null,
            };
            if (note is not null) notes.Add(note);
        }
        var entry = rule.Name + (notes.Count > 0 ? " (" + string.Join("; ", notes) + ")" : "");
        TicketThread.Audit(db, ticket, atUtc, null, source, "rule", null, entry);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The property actions of a rule as one ticket edit: all applied together, or none.</summary>
    public static TicketEdit PropertyEdit(IEnumerable<RuleAction> actions)
    {
        var edit = new TicketEdit();
        var add = new List<string>();
        var remove = new List<string>();
        var fields = new Dictionary<string, string?>();
        foreach (var a in actions)
        {
            switch (a.Type)
            {
                case RuleActionTypes.SetTeam: edit = edit with { SetTeam = true, TeamId = long.Parse(a.Value!, CultureInfo.InvariantCulture) }; break;
                case RuleActionTypes.SetPriority when TicketEdit.TryParsePriority(a.Value, out var p): edit = edit with { Priority = p }; break;
                case RuleActionTypes.SetStatus when TicketWorkflow.TryParse(a.Value, out var s): edit = edit with { Status = s }; break;
                case RuleActionTypes.AddTags: add.AddRange(a.Items); remove.RemoveAll(a.Items.Contains); break;
                case RuleActionTypes.RemoveTags: remove.AddRange(a.Items); add.RemoveAll(a.Items.Contains); break;
                case RuleActionTypes.SetField when a.Key is { } key: fields[key] = a.Value ?? ""; break;
            }
        }
        return edit with { AddTags = add, RemoveTags = remove, Fields = fields };
    }

    private static async Task<string?> AssignAsync(TouchpointDb db, Ticket ticket, RuleAction action, DateTime atUtc, string source, CancellationToken ct)
    {
        // PostgreSQL lets two transactions read the same turn at once (SQLite serialises writers): the turn's row is
        // locked before it is read, so the second ticket waits for the first one's commit and reads the new turn.
        // Outside a transaction the lock would end with its statement, so one is opened for the assignment.
        await using var own = db.Database.IsNpgsql() && db.Database.CurrentTransaction is null && action.Type != RuleActionTypes.AssignAgent
            ? await db.Database.BeginTransactionAsync(ct) : null;
        if (db.Database.IsNpgsql() && action.Type != RuleActionTypes.AssignAgent && ticket.AssigneeId is null
            && (long.TryParse(action.Value, CultureInfo.InvariantCulture, out var t) ? t : ticket.TeamId) is { } team)
            await LockTurnAsync(db, CursorKey(team), ct);
        var (pick, why, cursorKey) = await ChooseAsync(db, ticket, action, ct);
        if (pick is null) return why;
        var problems = await TicketThread.EditAsync(db, ticket, new TicketEdit { SetAssignee = true, AssigneeId = pick }, atUtc, null, source, ct);
        if (problems.Count > 0) return $"{action.Type}: {problems[0].Message}";
        if (cursorKey is not null)
        {
            var cursor = await db.Set<RoutingCursor>().FirstOrDefaultAsync(c => c.Key == cursorKey, ct);
            if (cursor is null) db.Set<RoutingCursor>().Add(new RoutingCursor { Key = cursorKey, Value = pick.Value });
            else cursor.Value = pick.Value;
        }
        if (own is not null)
        {
            await db.SaveChangesAsync(ct);
            await own.CommitAsync(ct);
        }
        return null;
    }

    private static string CursorKey(long teamId) => "round_robin:" + teamId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Creates the team's turn row if it is missing and holds its row lock until the transaction ends.</summary>
    private static async Task LockTurnAsync(TouchpointDb db, string key, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"INSERT INTO routing_cursors (key, value) VALUES ({key}, 0) ON CONFLICT (key) DO NOTHING", ct);
        await db.Database.SqlQuery<long>($"SELECT value AS \"Value\" FROM routing_cursors WHERE key = {key} FOR UPDATE").ToListAsync(ct);
    }

    /// <summary>
    /// Who an assignment action gives the ticket to, or why nobody; also used by the rule test-run, which must not
    /// move the round-robin turn (so the cursor key comes back for the caller to save).
    /// </summary>
    public static async Task<(long? UserId, string? Why, string? CursorKey)> ChooseAsync(TouchpointDb db, Ticket ticket, RuleAction action, CancellationToken ct)
    {
        if (action.Type == RuleActionTypes.AssignAgent)
        {
            var userId = long.Parse(action.Value!, CultureInfo.InvariantCulture);
            var agent = (await AgentRoster.LoadAsync(db, null, userId, ct)).FirstOrDefault();
            return AgentRoster.Refusal(agent, userId) is { } refusal ? (null, $"{action.Type}: {refusal}", null) : (userId, null, null);
        }
        if (ticket.AssigneeId is { } current) return (null, $"{action.Type}: already assigned to user {current}", null);
        var teamId = long.TryParse(action.Value, CultureInfo.InvariantCulture, out var t) ? t : ticket.TeamId;
        if (teamId is null) return (null, $"{action.Type}: the ticket has no team", null);
        var key = CursorKey(teamId.Value);
        var last = await db.Set<RoutingCursor>().AsNoTracking().Where(c => c.Key == key).Select(c => (long?)c.Value).FirstOrDefaultAsync(ct);
        var members = await AgentRoster.LoadAsync(db, teamId, null, ct);
        AgentCandidate? pick;
        if (action.Type == RuleActionTypes.AssignRoundRobin) pick = AgentPicker.RoundRobin(members, last);
        else
        {
            var facts = await RoutingFactsLoader.LoadAsync(db, ticket, "", null, ct);
            pick = AgentPicker.BySkills(members, facts.Tags, facts.Fields, last);
        }
        if (pick is not null) return (pick.UserId, null, key);
        var nobody = action.Type == RuleActionTypes.AssignRoundRobin ? "nobody in team {0} is available with room" : "nobody in team {0} with a matching skill is available with room";
        return (null, $"{action.Type}: " + string.Format(CultureInfo.InvariantCulture, nobody, teamId), null);
    }

    private static async Task<string?> ReplyAsync(TouchpointDb db, Ticket ticket, RuleAction action, DateTime atUtc, CancellationToken ct)
    {
        var macroId = long.Parse(action.Value!, CultureInfo.InvariantCulture);
        var macro = await db.Macros.AsNoTracking().FirstOrDefaultAsync(m => m.Id == macroId, ct);
        if (macro is null) return $"{action.Type}: macro {macroId} no longer exists";
        if (string.IsNullOrWhiteSpace(macro.Body)) return $"{action.Type}: macro '{macro.Name}' has no text";
        if (ticket.Status == TicketStatus.Closed) return $"{action.Type}: #{ticket.Id} is closed";
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == ticket.CustomerId).Select(c => new { c.Name, c.Email }).FirstAsync(ct);
        var text = MacroTemplate.Render(macro.Body, new MacroContext(customer.Name, customer.Email, ticket.Id, ticket.Subject, AutomationName));
        // System author and automatic: the customer sees a reply, the metrics see no response (docs/metrics.md).
        await TicketThread.AppendAsync(db, ticket, new IncomingMessage(AuthorKind.System, text, ticket.Channel, atUtc, IsInternal: macro.Internal, IsAutomatic: true), "rule", ct);
        return null;
    }
}
