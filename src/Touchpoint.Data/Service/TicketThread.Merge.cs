using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service;

namespace Touchpoint.Data.Service;

public static partial class TicketThread
{
    /// <summary>
    /// Merges a duplicate request into the ticket that survives: the source is closed and points at the target (its
    /// messages are shown in the target's thread; the metrics measure the target only), tickets merged into the
    /// source earlier now point at the target, and the source's tags carry over. Returns why not when it cannot.
    /// </summary>
    public static async Task<string?> MergeAsync(TouchpointDb db, Ticket source, Ticket target, DateTime atUtc, long? byUserId, string origin, CancellationToken ct)
    {
        if (TicketWorkflow.MergeProblem(source, target) is { } why) return why;
        foreach (var earlier in await db.Tickets.Where(t => t.MergedIntoId == source.Id).ToListAsync(ct))
            earlier.MergedIntoId = target.Id;
        // Merging is the one way to close a ticket that was never solved: the request is not resolved, it moved.
        db.TicketStatusChanges.Add(new TicketStatusChange { TicketId = source.Id, From = source.Status, To = TicketStatus.Closed, AtUtc = atUtc, ByUserId = byUserId });
        Audit(db, source, atUtc, byUserId, origin, "status", source.Status.Wire(), TicketStatus.Closed.Wire());
        source.Status = TicketStatus.Closed;
        source.MergedIntoId = target.Id;
        Audit(db, source, atUtc, byUserId, origin, "merged_into", null, "#" + target.Id);
        Audit(db, target, atUtc, byUserId, origin, "merged_from", null, "#" + source.Id);
        var tags = TicketTags.Write(TicketTags.Read(target.TagsJson).Concat(TicketTags.Read(source.TagsJson)).Take(TicketTags.MaxPerTicket));
        if (tags != target.TagsJson)
        {
            Audit(db, target, atUtc, byUserId, origin, "tags", target.TagsJson, tags);
            target.TagsJson = tags;
        }
        return null;
    }

    /// <summary>
    /// Moves chosen messages of a ticket to a new ticket of the same customer (two requests in one mail). The new
    /// ticket starts at its earliest moved message, so its clocks measure what the customer lived; it is open when
    /// a person already answered among the moved messages. At least one message stays behind.
    /// </summary>
    public static async Task<(Ticket? Created, FieldError? Problem)> SplitAsync(TouchpointDb db, Ticket ticket, IReadOnlyCollection<long> messageIds,
        string subject, DateTime atUtc, long? byUserId, string origin, CancellationToken ct)
    {
        if (ticket.MergedIntoId is { } m) return (null, new("messageIds", $"#{ticket.Id} was merged into #{m}; split that ticket instead"));
        if (ticket.Status == TicketStatus.Closed) return (null, new("messageIds", $"#{ticket.Id} is closed, and closed tickets are final"));
        if (messageIds.Count == 0) return (null, new("messageIds", "choose at least one message to move"));
        var all = await db.TicketMessages.Where(x => x.TicketId == ticket.Id).ToListAsync(ct);
        var moving = all.Where(x => messageIds.Contains(x.Id)).OrderBy(x => x.CreatedAtUtc).ThenBy(x => x.Id).ToList();
        var foreign = messageIds.Except(moving.Select(x => x.Id)).ToList();
        if (foreign.Count > 0) return (null, new("messageIds", $"not messages of #{ticket.Id}: {string.Join(", ", foreign)}"));
        if (moving.Count == all.Count) return (null, new("messageIds", "at least one message must stay on the original ticket"));

        var start = moving[0].CreatedAtUtc;
        var created = new Ticket
        {
            Subject = subject, Channel = ticket.Channel, Priority = ticket.Priority, CustomerId = ticket.CustomerId, TeamId = ticket.TeamId,
            AssigneeId = ticket.AssigneeId, Status = TicketStatus.New, CreatedAtUtc = start, UpdatedAtUtc = atUtc,
        };
        db.Tickets.Add(created);
        await db.SaveChangesAsync(ct);
        db.TicketStatusChanges.Add(new TicketStatusChange { TicketId = created.Id, To = TicketStatus.New, AtUtc = start, ByUserId = byUserId });
        if (moving.FirstOrDefault(x => x.Author == AuthorKind.Agent && !x.IsInternal && !x.IsAutomatic) is { } answered)
        {
            db.TicketStatusChanges.Add(new TicketStatusChange { TicketId = created.Id, From = TicketStatus.New, To = TicketStatus.Open, AtUtc = answered.CreatedAtUtc, ByUserId = answered.AuthorUserId });
            created.Status = TicketStatus.Open;
        }
        foreach (var x in moving) x.TicketId = created.Id;
        TouchpointRecorder.TicketCreated(db, created, origin);
        var ids = string.Join(", ", moving.Select(x => x.Id));
        Audit(db, ticket, atUtc, byUserId, origin, "split_to", null, $"#{created.Id} (messages {ids})");
        Audit(db, created, atUtc, byUserId, origin, "split_from", null, $"#{ticket.Id} (messages {ids})");
        return (created, null);
    }
}
