using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Search;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Web.Api;
using Touchpoint.Web.Features.Service.Sla;
using Touchpoint.Web.Features.Service.Workspace;

namespace Touchpoint.Web.Features.Service.Views;

/// <summary>A row of the inbox: the ticket, who asked, who has it, and its SLA state now.</summary>
public sealed record InboxRow(TicketSummary Ticket, string CustomerName, string? AssigneeName, SlaDto Sla);

/// <summary>
/// Runs a view (<see cref="TicketViewFilter"/>) for the inbox and GET /api/v1/ticket-views/{key}/tickets. Lists are
/// newest first and keyset paged; "breaching soon" is ordered by due time instead and returns the soonest
/// <c>limit</c> tickets without further pages (a team works that list from the top).
/// </summary>
public static class TicketViewQuery
{
    /// <summary>Problems of a filter, naming the part (filter.status, filter.assignee, ...).</summary>
    public static async Task<List<FieldError>> CheckAsync(TouchpointDb db, TicketViewFilter f, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        foreach (var s in f.Statuses ?? [])
            if (!TicketWorkflow.TryParse(s, out _)) errors.Add(new("filter.statuses", $"'{s}' is not one of new, open, pending, on_hold, solved, closed"));
        if (f.Assignee is { } a && a is not ("me" or "none"))
        {
            if (!long.TryParse(a, out var id)) errors.Add(new("filter.assignee", "must be me, none or a user id"));
            else if (await Data.Service.TicketThread.AssigneeProblemAsync(db, id, ct) is { } why) errors.Add(new("filter.assignee", why));
        }
        if (f.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, ct)) errors.Add(new("filter.teamId", $"no team has id {team}"));
        if (f.Tag is not null && TicketTags.Normalise(f.Tag, out var tagProblem) is null) errors.Add(new("filter.tag", tagProblem!));
        if (f.Priority is not null && !TicketEdit.TryParsePriority(f.Priority, out _)) errors.Add(new("filter.priority", "must be one of low, normal, high, urgent"));
        if (f.Channel is not null && !TicketMapping.Channels.Contains(f.Channel)) errors.Add(new("filter.channel", "must be one of " + string.Join(", ", TicketMapping.Channels)));
        return errors;
    }

    public static async Task<CursorPage<InboxRow>> RunAsync(TouchpointDb db, ITicketSearch search, ServiceClock clock, TicketViewFilter f,
        long? userId, string? cursor, int limit, CancellationToken ct)
    {
        var q = Filtered(db, search, f, userId);
        if (f.BreachingSoon)
        {
            var (soonest, states) = await SoonestAsync(db, clock, q, limit, ct);
            return new CursorPage<InboxRow>(await RowsAsync(db, soonest, states, ct), null);
        }
        if (!Cursor.TryDecode(cursor, out var after)) after = null;
        var page = await q.Where(t => after == null || t.Id < after).OrderByDescending(t => t.Id).Take(limit + 1).ToListAsync(ct);
        var shown = page.Take(limit).ToList();
        var rows = await RowsAsync(db, shown, await SlaAsync(db, clock, shown, ct), ct);
        return new CursorPage<InboxRow>(rows, page.Count > limit ? Cursor.Encode(shown[^1].Id) : null);
    }

    /// <summary>Tickets read per batch by "breaching soon"; tests lower it to cross batch boundaries with few tickets.</summary>
    internal static int BreachBatch { get; set; } = 2000;

    /// <summary>
    /// The <paramref name="limit"/> open tickets due soonest that need attention, looked for among every open ticket
    /// (due times depend on calendars, pauses and policies, so they are computed, not stored). Tickets are read oldest
    /// first in batches; the search stops early once no later ticket can be due sooner than the ones kept: every clock
    /// starts at or after a ticket's creation and runs at most as fast as the wall clock, so a ticket created at c is
    /// due no earlier than c + the smallest target of any policy.
    /// </summary>
    private static async Task<(List<Ticket>, Dictionary<long, TicketSla>)> SoonestAsync(TouchpointDb db, ServiceClock clock, IQueryable<Ticket> open,
        int limit, CancellationToken ct)
    {
        var book = await clock.BookAsync(db, ct);
        var smallest = book.Policies.Append(book.Fallback).SelectMany(p => p.Targets.ByPriority.Values)
            .SelectMany(t => new[] { t.FirstResponse, t.NextResponse, t.Resolution }).OfType<TimeSpan>().DefaultIfEmpty(TimeSpan.MaxValue).Min();
        var kept = new List<(Ticket Ticket, TicketSla Sla)>();
        if (smallest == TimeSpan.MaxValue) return ([], []); // no targets anywhere: nothing can breach
        DateTime? afterCreated = null;
        long afterId = 0;
        while (true)
        {
            var q = open;
            if (afterCreated is { } c) q = q.Where(t => t.CreatedAtUtc > c || (t.CreatedAtUtc == c && t.Id > afterId));
            var batch = await q.OrderBy(t => t.CreatedAtUtc).ThenBy(t => t.Id).Take(BreachBatch).ToListAsync(ct);
            if (batch.Count == 0) break;
            var states = await SlaAsync(db, clock, batch, ct);
            kept = kept.Concat(batch.Where(t => states[t.Id].State.NeedsAttention).Select(t => (t, states[t.Id])))
                .OrderBy(x => x.Item2.State.DueUtc).ThenBy(x => x.Item1.Id).Take(limit).ToList();
            if (batch.Count < BreachBatch) break;
            (afterCreated, afterId) = (batch[^1].CreatedAtUtc, batch[^1].Id);
            if (kept.Count == limit && kept[^1].Sla.State.DueUtc is { } worst && worst <= afterCreated.Value + smallest) break;
        }
        return (kept.Select(x => x.Ticket).ToList(), kept.ToDictionary(x => x.Ticket.Id, x => x.Sla));
    }

    public static Task<int> CountAsync(TouchpointDb db, ITicketSearch search, TicketViewFilter f, long? userId, CancellationToken ct) =>
        Filtered(db, search, f, userId).CountAsync(ct);

    private static IQueryable<Ticket> Filtered(TouchpointDb db, ITicketSearch search, TicketViewFilter f, long? userId)
    {
        var q = db.Tickets.AsNoTracking().Where(t => t.MergedIntoId == null);
        if (f.Open || f.BreachingSoon) q = q.Where(t => t.Status != TicketStatus.Solved && t.Status != TicketStatus.Closed);
        var statuses = (f.Statuses ?? []).Select(s => TicketWorkflow.TryParse(s, out var st) ? st : (TicketStatus?)null).OfType<TicketStatus>().ToList();
        if (statuses.Count > 0) q = q.Where(t => statuses.Contains(t.Status));
        if (f.Assignee == "me") q = q.Where(t => t.AssigneeId == (userId ?? -1));
        else if (f.Assignee == "none") q = q.Where(t => t.AssigneeId == null);
        else if (long.TryParse(f.Assignee, out var a)) q = q.Where(t => t.AssigneeId == a);
        if (f.TeamId is { } team) q = q.Where(t => t.TeamId == team);
        if (f.Tag is not null && TicketTags.Normalise(f.Tag, out _) is { } tag) q = q.Where(t => EF.Functions.Like(t.TagsJson, TicketTags.LikePattern(tag)));
        if (f.Priority is not null && TicketEdit.TryParsePriority(f.Priority, out var p)) q = q.Where(t => t.Priority == p);
        if (f.Channel is not null) q = q.Where(t => t.Channel == f.Channel);
        if (SearchTerms.Words(f.Query ?? "").Count > 0) q = q.Where(t => search.Matching(db, f.Query!).Contains(t.Id));
        return q;
    }

    /// <summary>SLA states of some tickets with the policy that applies to each (see TicketSlaQuery).</summary>
    public static Task<Dictionary<long, TicketSla>> SlaAsync(TouchpointDb db, ServiceClock clock, IReadOnlyList<Ticket> tickets, CancellationToken ct) =>
        TicketSlaQuery.OfAsync(db, clock, tickets, ct);

    private static async Task<List<InboxRow>> RowsAsync(TouchpointDb db, List<Ticket> tickets, Dictionary<long, TicketSla> sla, CancellationToken ct)
    {
        var customerIds = tickets.Select(t => t.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var users = await TicketListQuery.UserNamesAsync(db, tickets.Select(t => t.AssigneeId), ct);
        return tickets.Select(t => new InboxRow(t.ToSummary(), customers.GetValueOrDefault(t.CustomerId, $"#{t.CustomerId}"),
            t.AssigneeId is { } a && users.TryGetValue(a, out var n) ? n : null, sla[t.Id].ToDto())).ToList();
    }
}
