using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Web.Api;

namespace Touchpoint.Web.Features.Customers;

/// <summary>One line of a customer's timeline: a touchpoint, with a link to the ticket or answer it stands for.</summary>
public sealed record TimelineEntry(long Id, string Type, string Channel, DateTimeOffset OccurredAt, string? Properties,
    decimal? Value, string? Currency, string Source, string? RefKind, long? RefId, string? Link);

/// <summary>
/// The single timeline: every touchpoint of the customer, newest first. Tickets and survey answers are on it
/// because creating them writes a touchpoint (one path), so this is one query, not a merge of several tables.
/// Paged by (occurred at, id), so late-arriving events land in their place.
/// </summary>
public static class CustomerTimeline
{
    public static async Task<CursorPage<TimelineEntry>> PageAsync(TouchpointDb db, long customerId, (DateTime AtUtc, long Id)? after, int limit, CancellationToken ct)
    {
        var q = db.Events.AsNoTracking().Where(e => e.CustomerId == customerId);
        if (after is { } a) q = q.Where(e => e.OccurredAtUtc < a.AtUtc || (e.OccurredAtUtc == a.AtUtc && e.Id < a.Id));
        var rows = await q.OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id).Take(limit + 1).ToListAsync(ct);
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        var items = rows.Select(e => new TimelineEntry(e.Id, e.Type, e.Channel, e.OccurredAt, e.PropertiesJson, e.Value, e.Currency, e.Source,
            e.RefKind, e.RefId, LinkFor(e.RefKind, e.RefId))).ToList();
        return new CursorPage<TimelineEntry>(items, more ? TimeCursor.Encode(rows[^1].OccurredAtUtc, rows[^1].Id) : null);
    }

    public static string? LinkFor(string? refKind, long? refId) => (refKind, refId) switch
    {
        (Domain.Journeys.TouchpointTypes.RefTicket, { } id) => $"/service/tickets/{id}",
        (Domain.Journeys.TouchpointTypes.RefSurveyResponse, { } id) => $"/voice/responses/{id}",
        _ => null,
    };
}
