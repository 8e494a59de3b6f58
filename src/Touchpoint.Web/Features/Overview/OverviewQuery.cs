using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Web.Features.Overview;

public sealed record CountBy(string Key, int Count);

/// <summary>The headline figures: the tip of the iceberg (service) over the depth (experience).</summary>
public sealed record OverviewFigures(
    int Customers, long Events, int OpenTickets, int TicketsInPeriod, double? Nps, int NpsAnswers, double? CsatPercent, int CsatAnswers,
    double? CesMean, DateTime PeriodStart, DateTime PeriodEnd, IReadOnlyList<CountBy> TopTouchpoints, IReadOnlyList<CountBy> TicketsByChannel,
    IReadOnlyList<CountBy> CustomersBySegment);

/// <summary>
/// Computes the overview over the last 90 days of data. The period ends at the newest event in the store rather
/// than today, so a demo or an imported history shows figures instead of an empty quarter.
/// </summary>
public static class OverviewQuery
{
    public static async Task<OverviewFigures> ComputeAsync(TouchpointDb db, CancellationToken ct)
    {
        var end = await db.Events.MaxAsync(e => (DateTime?)e.OccurredAtUtc, ct) ?? DateTime.UtcNow;
        var start = end.AddDays(-90);
        var customers = await db.Customers.CountAsync(c => c.MergedIntoId == null, ct);
        var events = await db.Events.LongCountAsync(ct);
        var open = await db.Tickets.CountAsync(t => t.MergedIntoId == null && t.Status != TicketStatus.Solved && t.Status != TicketStatus.Closed, ct);
        var ticketsInPeriod = await db.Tickets.CountAsync(t => t.CreatedAtUtc >= start && t.CreatedAtUtc <= end, ct);
        var answers = await db.SurveyResponses.AsNoTracking()
            .Where(r => r.AnsweredAtUtc >= start && r.AnsweredAtUtc <= end && r.Score != null)
            .Join(db.Surveys, r => r.SurveyId, s => s.Id, (r, s) => new { s.Kind, Score = r.Score!.Value })
            .ToListAsync(ct);
        var nps = ScoreMetrics.Nps(answers.Where(a => a.Kind == SurveyKind.Nps).Select(a => a.Score));
        var csat = answers.Where(a => a.Kind == SurveyKind.Csat).Select(a => a.Score).ToList();
        var ces = answers.Where(a => a.Kind == SurveyKind.Ces).Select(a => a.Score).ToList();
        var top = await db.Events.AsNoTracking().Where(e => e.OccurredAtUtc >= start && e.OccurredAtUtc <= end)
            .GroupBy(e => e.Type).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(c => c.Count).Take(10)
            .Select(c => new CountBy(c.Key, c.Count)).ToListAsync(ct);
        var byChannel = await db.Tickets.AsNoTracking().Where(t => t.CreatedAtUtc >= start && t.CreatedAtUtc <= end)
            .GroupBy(t => t.Channel).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(c => c.Count)
            .Select(c => new CountBy(c.Key, c.Count)).ToListAsync(ct);
        var bySegment = await db.Customers.AsNoTracking().Where(c => c.MergedIntoId == null)
            .GroupBy(c => c.Segment).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(c => c.Count)
            .Select(c => new CountBy(c.Key, c.Count)).ToListAsync(ct);
        return new OverviewFigures(customers, events, open, ticketsInPeriod, nps.Score, nps.Answers, ScoreMetrics.CsatPercent(csat), csat.Count,
            ScoreMetrics.CesMean(ces), start, end, top, byChannel, bySegment);
    }
}
