using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service;

namespace Touchpoint.Data.Service;

public static partial class TicketThread
{
    /// <summary>
    /// Changes a ticket's properties (status, priority, assignee, team, tags, custom fields) with every rule checked
    /// first: either every change is valid and all are applied, each with its audit entry, or nothing changes and the
    /// problems come back naming the field (assigneeId, teamId, tags, fields.&lt;key&gt;, status). The caller saves.
    /// </summary>
    public static async Task<IReadOnlyList<FieldError>> EditAsync(TouchpointDb db, Ticket ticket, TicketEdit edit, DateTime atUtc, long? byUserId,
        string source, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (ticket.MergedIntoId is { } merged)
        {
            errors.Add(new("ticket", $"#{ticket.Id} was merged into #{merged}; change that ticket instead"));
            return errors;
        }
        if (edit.Status is { } to && to != ticket.Status && !TicketWorkflow.CanMove(ticket.Status, to))
            errors.Add(new("status", $"a {ticket.Status.Wire()} ticket cannot become {to.Wire()}; allowed: {string.Join(", ", TicketWorkflow.MovesFrom(ticket.Status).Select(s => s.Wire()))}"));
        if (edit.SetAssignee && edit.AssigneeId is { } assignee && await AssigneeProblemAsync(db, assignee, ct) is { } who)
            errors.Add(new("assigneeId", who));
        if (edit.SetTeam && edit.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, ct))
            errors.Add(new("teamId", $"no team has id {team}"));

        var tags = TicketTags.Read(ticket.TagsJson).ToHashSet(StringComparer.Ordinal);
        var oldTags = TicketTags.Write(tags);
        // Removals first, so an edit that replaces the whole list (remove all, add the new ones) works.
        foreach (var raw in edit.RemoveTags)
            if (TicketTags.Normalise(raw, out var problem) is { } tag) tags.Remove(tag); else errors.Add(new("tags", problem!));
        foreach (var raw in edit.AddTags)
            if (TicketTags.Normalise(raw, out var problem) is { } tag) tags.Add(tag); else errors.Add(new("tags", problem!));
        if (tags.Count > TicketTags.MaxPerTicket) errors.Add(new("tags", $"a ticket has at most {TicketTags.MaxPerTicket} tags"));

        var fieldChanges = new List<(CustomField Field, string? Value)>();
        if (edit.Fields.Count > 0)
        {
            var keys = edit.Fields.Keys.ToList();
            var defs = await db.CustomFields.AsNoTracking().Where(f => keys.Contains(f.Key)).ToDictionaryAsync(f => f.Key, ct);
            foreach (var (key, raw) in edit.Fields)
            {
                if (!defs.TryGetValue(key, out var def)) errors.Add(new($"fields.{key}", "no custom field has this key"));
                else if (string.IsNullOrWhiteSpace(raw)) fieldChanges.Add((def, null));
                else if (CustomFieldRules.Normalise(def, raw, out var problem) is { } value) fieldChanges.Add((def, value));
                else errors.Add(new($"fields.{key}", problem!));
            }
        }
        if (errors.Count > 0) return errors;

        if (edit.Status is { } status) Move(db, ticket, status, atUtc, byUserId, source);
        if (edit.Priority is { } priority && priority != ticket.Priority)
        {
            Audit(db, ticket, atUtc, byUserId, source, "priority", TicketEdit.Wire(ticket.Priority), TicketEdit.Wire(priority));
            ticket.Priority = priority;
        }
        if (edit.SetAssignee && edit.AssigneeId != ticket.AssigneeId)
        {
            Audit(db, ticket, atUtc, byUserId, source, "assignee", Id(ticket.AssigneeId), Id(edit.AssigneeId));
            ticket.AssigneeId = edit.AssigneeId;
        }
        if (edit.SetTeam && edit.TeamId != ticket.TeamId)
        {
            Audit(db, ticket, atUtc, byUserId, source, "team", Id(ticket.TeamId), Id(edit.TeamId));
            ticket.TeamId = edit.TeamId;
        }
        var newTags = TicketTags.Write(tags);
        if (newTags != oldTags)
        {
            Audit(db, ticket, atUtc, byUserId, source, "tags", oldTags, newTags);
            ticket.TagsJson = newTags;
        }
        foreach (var (field, value) in fieldChanges)
        {
            var stored = await db.TicketFieldValues.FirstOrDefaultAsync(v => v.TicketId == ticket.Id && v.FieldId == field.Id, ct);
            if (stored?.Value == value) continue;
            Audit(db, ticket, atUtc, byUserId, source, "field:" + field.Key, stored?.Value, value);
            if (value is null) db.TicketFieldValues.Remove(stored!);
            else if (stored is null) db.TicketFieldValues.Add(new TicketFieldValue { TicketId = ticket.Id, FieldId = field.Id, Value = value });
            else stored.Value = value;
        }
        return errors;
    }

    /// <summary>Why a user cannot take tickets: unknown, not an agent or admin, or deactivated; null when they can.</summary>
    public static async Task<string?> AssigneeProblemAsync(TouchpointDb db, long userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Role, u.IsActive }).FirstOrDefaultAsync(ct);
        if (user is null) return $"no user has id {userId}";
        if (user.Role is not (Roles.Agent or Roles.Admin)) return $"user {userId} is a {user.Role}; only agents and admins take tickets";
        return user.IsActive ? null : $"user {userId} is deactivated";
    }

    /// <summary>Writes one entry of the audit trail and keeps UpdatedAtUtc moving (the metrics loader relies on it).</summary>
    internal static void Audit(TouchpointDb db, Ticket ticket, DateTime atUtc, long? byUserId, string source, string property, string? oldValue, string? newValue)
    {
        db.TicketAudit.Add(new TicketAuditEntry
        {
            TicketId = ticket.Id, AtUtc = atUtc, ByUserId = byUserId, Source = source, Property = property, OldValue = oldValue, NewValue = newValue,
        });
        if (atUtc > ticket.UpdatedAtUtc) ticket.UpdatedAtUtc = atUtc;
    }

    private static string? Id(long? id) => id?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
