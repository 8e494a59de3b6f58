using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Domain.Service.Sla;

namespace Touchpoint.Data.Metrics;

/// <summary>The rows the service-desk report is computed from.</summary>
public sealed record ServiceMetricsInput(IReadOnlyList<TicketHistory> Tickets, IReadOnlyDictionary<long, string> SegmentByCustomer,
    IReadOnlyList<TicketSurveyAnswer> Answers);

/// <summary>
/// Loads what the service-desk metrics of a period (and the one before it) need: one query per table, never one per
/// ticket. A ticket matters when it was created before the end and either is unresolved now or changed since the
/// start (UpdatedAtUtc moves with every message and state change) or was rated in the span, so resolutions, responses, reopens and backlog
/// inside the span are all covered; tickets resolved and untouched before the start are left out.
/// </summary>
public static class ServiceMetricsSource
{
    public static async Task<ServiceMetricsInput> LoadAsync(TouchpointDb db, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var relevant = db.Tickets.AsNoTracking().Where(t => t.MergedIntoId == null && t.CreatedAtUtc < toUtc
            && (t.UpdatedAtUtc >= fromUtc || (t.Status != TicketStatus.Solved && t.Status != TicketStatus.Closed)
                || db.SurveyResponses.Any(r => r.TicketId == t.Id && r.AnsweredAtUtc >= fromUtc && r.AnsweredAtUtc < toUtc)));
        var ids = relevant.Select(t => t.Id);
        var tickets = await relevant.ToListAsync(ct);
        var messages = (await db.TicketMessages.AsNoTracking().Where(m => ids.Contains(m.TicketId)).ToListAsync(ct)).ToLookup(m => m.TicketId);
        var changes = (await db.TicketStatusChanges.AsNoTracking().Where(c => ids.Contains(c.TicketId)).ToListAsync(ct)).ToLookup(c => c.TicketId);
        var work = (await db.WorkSessions.AsNoTracking().Where(w => ids.Contains(w.TicketId)).ToListAsync(ct)).ToLookup(w => w.TicketId);
        var segments = await db.Customers.AsNoTracking().Where(c => relevant.Any(t => t.CustomerId == c.Id))
            .Select(c => new { c.Id, c.Segment }).ToDictionaryAsync(c => c.Id, c => c.Segment, ct);
        var answers = await db.SurveyResponses.AsNoTracking()
            .Where(r => r.TicketId != null && r.Score != null && r.AnsweredAtUtc >= fromUtc && r.AnsweredAtUtc < toUtc)
            .Join(db.Surveys, r => r.SurveyId, s => s.Id, (r, s) => new { TicketId = r.TicketId!.Value, s.Kind, Score = r.Score!.Value, r.AnsweredAtUtc })
            .ToListAsync(ct);
        return new ServiceMetricsInput(
            tickets.Select(t => new TicketHistory(t, messages[t.Id], changes[t.Id], work[t.Id])).ToList(),
            segments,
            answers.Select(a => new TicketSurveyAnswer(a.TicketId, a.Kind, a.Score, a.AnsweredAtUtc)).ToList());
    }

    /// <summary>Loads the period and the one before it and builds the report with one policy for every ticket.</summary>
    public static Task<ServiceMetricsReport> ReportAsync(TouchpointDb db, ReportPeriod period, ServiceGrouping groupBy,
        BusinessCalendar calendar, SlaPolicy policy, DateTime asOfUtc, CancellationToken ct) =>
        ReportAsync(db, period, groupBy, (_, _) => (calendar, policy), calendar, asOfUtc, ct);

    /// <summary>
    /// Loads the period and the one before it and builds the report, each ticket measured against the policy of
    /// the book that matches it (its own targets and calendar); weeks and months are cut in the workspace calendar.
    /// </summary>
    public static Task<ServiceMetricsReport> ReportAsync(TouchpointDb db, ReportPeriod period, ServiceGrouping groupBy,
        SlaPolicyBook book, DateTime asOfUtc, CancellationToken ct) =>
        ReportAsync(db, period, groupBy, (t, segment) => book.For(t, segment) is var a ? (a.Calendar, a.Targets) : default,
            book.WorkspaceCalendar, asOfUtc, ct);

    private static async Task<ServiceMetricsReport> ReportAsync(TouchpointDb db, ReportPeriod period, ServiceGrouping groupBy,
        Func<Ticket, string, (BusinessCalendar Calendar, SlaPolicy Policy)> policyOf, BusinessCalendar calendar, DateTime asOfUtc, CancellationToken ct)
    {
        var input = await LoadAsync(db, period.Previous.FromUtc, period.ToUtc, ct);
        var measured = input.Tickets.Select(h =>
        {
            var segment = input.SegmentByCustomer.TryGetValue(h.Ticket.CustomerId, out var s) ? s : "";
            var (ticketCalendar, policy) = policyOf(h.Ticket, segment);
            return new TicketMeasures(h, segment, ticketCalendar, policy, asOfUtc);
        });
        return ServiceMetricsReport.Build(period, groupBy, measured, input.Answers, calendar, asOfUtc);
    }
}
