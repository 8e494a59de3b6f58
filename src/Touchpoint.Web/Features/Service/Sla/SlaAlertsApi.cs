using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Sla;
using Touchpoint.Data.Store;
using Touchpoint.Web.Api;
using Touchpoint.Web.Features.Service.Workspace;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Service.Sla;

public sealed record SlaAlertRow(long Id, long TicketId, string TicketSubject, string Kind, string Target, string Policy, DateTime DueAt, DateTime FiredAt,
    IReadOnlyList<long> NotifiedUserIds, string Actions);

/// <summary>The query of GET /api/v1/sla-alerts.</summary>
public sealed record SlaAlertQuery(bool? Mine, long? UserId, long? TicketId, int? Limit);

/// <summary>
/// /api/v1/sla-alerts: the warnings and breaches the escalation scanner fired, newest first. <c>mine=true</c> gives
/// the signed-in person's in-app notifications (those sent to them); <c>userId</c> and <c>ticketId</c> filter.
/// </summary>
public static class SlaAlertsApi
{
    public static RouteGroupBuilder MapSlaAlertsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/sla-alerts").WithTags("SLA policies");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        return g;
    }

    public static async Task<Results<Ok<List<SlaAlertRow>>, ValidationProblem>> List(TouchpointDb db, ClaimsPrincipal user, [AsParameters] SlaAlertQuery query, CancellationToken ct)
    {
        var limit = query.Limit ?? 50;
        if (limit is < 1 or > 500) return Validation.Problem(("limit", "must be between 1 and 500"));
        var who = query.UserId;
        if (query.Mine == true)
        {
            if (Actor.UserId(user) is not { } me) return Validation.Problem(("mine", "an API key acts for nobody; give userId instead"));
            who = me;
        }
        return TypedResults.Ok(await RowsAsync(db, who, query.TicketId, limit, ct));
    }

    public static async Task<List<SlaAlertRow>> RowsAsync(TouchpointDb db, long? userId, long? ticketId, int limit, CancellationToken ct)
    {
        var q = db.SlaAlerts().AsNoTracking();
        if (userId is { } u)
        {
            // Stored as ",1,2,": an exact id match with LIKE on both stores.
            var pattern = "%," + u.ToString(CultureInfo.InvariantCulture) + ",%";
            q = q.Where(a => EF.Functions.Like(a.NotifiedUserIds, pattern));
        }
        if (ticketId is { } t) q = q.Where(a => a.TicketId == t);
        var rows = await q.OrderByDescending(a => a.FiredAtUtc).ThenByDescending(a => a.Id).Take(limit)
            .Join(db.Tickets, a => a.TicketId, t => t.Id, (a, t) => new { a, t.Subject }).ToListAsync(ct);
        return rows.Select(r => new SlaAlertRow(r.a.Id, r.a.TicketId, r.Subject, r.a.Kind, r.a.Target, r.a.PolicyName, r.a.DueAtUtc, r.a.FiredAtUtc,
            r.a.NotifiedUserIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToList(), r.a.Actions)).ToList();
    }
}
