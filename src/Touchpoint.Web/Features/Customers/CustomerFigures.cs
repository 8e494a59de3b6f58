using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Web.Features.Customers;

/// <summary>The last answer a customer gave on one kind of survey.</summary>
public sealed record LastAnswer(long ResponseId, int Score, DateTimeOffset AnsweredAt);

/// <summary>The headline figures of one customer, each one a count of rows shown further down the customer page.</summary>
public sealed record CustomerFigures(int Orders, decimal Revenue, string? Currency, int Tickets, int OpenTickets, int Touchpoints,
    LastAnswer? LastNps, LastAnswer? LastCsat);

public static class CustomerFiguresQuery
{
    public static async Task<CustomerFigures> ComputeAsync(TouchpointDb db, long customerId, CancellationToken ct)
    {
        var events = db.Events.AsNoTracking().Where(e => e.CustomerId == customerId);
        var orders = await events.CountAsync(e => OrderTypes.Contains(e.Type), ct);
        // Revenue is every monetary value on the timeline (orders, later refunds as negatives), not only orders.
        var valued = await events.Where(e => e.Value != null).Select(e => new { e.Value, e.Currency }).ToListAsync(ct);
        var revenue = valued.Sum(v => v.Value ?? 0m);
        var currencies = valued.Select(v => v.Currency).Where(c => c != null).Distinct().ToList();
        var touchpoints = await events.CountAsync(ct);
        var tickets = db.Tickets.AsNoTracking().Where(t => t.CustomerId == customerId && t.MergedIntoId == null);
        var ticketCount = await tickets.CountAsync(ct);
        var open = await tickets.CountAsync(t => t.Status != Domain.Service.TicketStatus.Solved && t.Status != Domain.Service.TicketStatus.Closed, ct);
        return new CustomerFigures(orders, revenue, currencies.Count == 1 ? currencies[0] : null, ticketCount, open, touchpoints,
            await LastAsync(db, customerId, SurveyKind.Nps, ct), await LastAsync(db, customerId, SurveyKind.Csat, ct));
    }

    /// <summary>The event types that stand for an order being placed (first and repeat).</summary>
    public static readonly string[] OrderTypes = ["order.placed", "order.repeat_placed"];

    private static async Task<LastAnswer?> LastAsync(TouchpointDb db, long customerId, SurveyKind kind, CancellationToken ct)
    {
        var r = await db.SurveyResponses.AsNoTracking()
            .Where(r => r.CustomerId == customerId && r.Score != null)
            .Join(db.Surveys.Where(s => s.Kind == kind), r => r.SurveyId, s => s.Id, (r, s) => r)
            .OrderByDescending(r => r.AnsweredAtUtc).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);
        return r is null ? null : new LastAnswer(r.Id, r.Score!.Value, Voice.SurveysApi.ToDto(r).AnsweredAt);
    }
}
