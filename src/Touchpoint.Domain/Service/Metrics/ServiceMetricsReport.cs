using System.Globalization;

namespace Touchpoint.Domain.Service.Metrics;

/// <summary>The metrics of one group: an agent, team, channel or segment id/name, or a week or month.</summary>
/// <param name="Key">Agent/team id, channel, segment, "2026-W10" or "2026-03"; "none" for no assignee, team or segment.</param>
public sealed record ServiceMetricsGroup(string Key, ReportPeriod Period, ServiceMetrics Metrics);

/// <summary>One period's total and its groups.</summary>
public sealed record ServiceMetricsPeriod(ReportPeriod Period, ServiceMetrics Total, IReadOnlyList<ServiceMetricsGroup> Groups);

/// <summary>
/// The service-desk report: a period and the period of the same length right before it, each with its total and
/// its breakdown. Tickets are measured once (<see cref="TicketMeasures"/>) and shared by both periods and all groups.
/// </summary>
public sealed record ServiceMetricsReport(ServiceGrouping GroupBy, DateTime AsOfUtc, ServiceMetricsPeriod Current, ServiceMetricsPeriod Previous)
{
    public const string NoKey = "none";

    public static ServiceMetricsReport Build(ReportPeriod period, ServiceGrouping groupBy, IEnumerable<TicketMeasures> measured,
        IReadOnlyList<TicketSurveyAnswer> answers, BusinessCalendar calendar, DateTime asOfUtc)
    {
        // Merged tickets are counted in the ticket they were merged into, never on their own.
        var tickets = measured.Where(t => t.Ticket.MergedIntoId is null).ToList();
        return new ServiceMetricsReport(groupBy, asOfUtc, For(period, groupBy, tickets, answers, calendar), For(period.Previous, groupBy, tickets, answers, calendar));
    }

    private static ServiceMetricsPeriod For(ReportPeriod period, ServiceGrouping groupBy, IReadOnlyList<TicketMeasures> tickets,
        IReadOnlyList<TicketSurveyAnswer> answers, BusinessCalendar calendar)
    {
        var total = ServiceMetrics.Compute(period, tickets, answers);
        var groups = groupBy switch
        {
            ServiceGrouping.None => [],
            ServiceGrouping.Week or ServiceGrouping.Month => Buckets(period, groupBy, calendar)
                .Select(b => new ServiceMetricsGroup(b.Key, b.Period, ServiceMetrics.Compute(b.Period, tickets, answers))).ToList(),
            _ => EntityKeys(groupBy, tickets)
                .Select(k => new ServiceMetricsGroup(k, period, ServiceMetrics.Compute(period, tickets, answers, (t, person) => KeyOf(groupBy, t, person) == k)))
                .Where(g => !g.Metrics.HasNoActivity()).OrderBy(g => g.Key, StringComparer.Ordinal).ToList(),
        };
        return new ServiceMetricsPeriod(period, total, groups);
    }

    /// <summary>The group a fact belongs to: the credited person for agent, otherwise an attribute of the ticket.</summary>
    public static string KeyOf(ServiceGrouping groupBy, TicketMeasures t, long? person) => groupBy switch
    {
        ServiceGrouping.Agent => Id(person),
        ServiceGrouping.Team => Id(t.Ticket.TeamId),
        ServiceGrouping.Channel => t.Ticket.Channel is { Length: > 0 } c ? c : NoKey,
        ServiceGrouping.Segment => t.Segment is { Length: > 0 } s ? s : NoKey,
        _ => "",
    };

    private static string Id(long? id) => id?.ToString(CultureInfo.InvariantCulture) ?? NoKey;

    private static IEnumerable<string> EntityKeys(ServiceGrouping groupBy, IReadOnlyList<TicketMeasures> tickets) =>
        tickets.SelectMany(t => t.Waits.Select(w => w.Wait.ResponderId).Append(t.Ticket.AssigneeId)
            .Concat(t.WorkByAgent.Keys.Select(k => (long?)k)).Select(p => KeyOf(groupBy, t, p))).Distinct();

    /// <summary>ISO weeks (Monday 00:00) or calendar months in the workspace's time zone, cut to the period.</summary>
    public static IEnumerable<(string Key, ReportPeriod Period)> Buckets(ReportPeriod period, ServiceGrouping unit, BusinessCalendar calendar)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(period.FromUtc, calendar.Zone).Date;
        var start = unit == ServiceGrouping.Week ? local.AddDays(-(((int)local.DayOfWeek + 6) % 7)) : new DateTime(local.Year, local.Month, 1);
        while (true)
        {
            var next = unit == ServiceGrouping.Week ? start.AddDays(7) : start.AddMonths(1);
            var (a, b) = (calendar.ToUtc(start, firstOccurrence: true), calendar.ToUtc(next, firstOccurrence: true));
            if (a >= period.ToUtc) yield break;
            var key = unit == ServiceGrouping.Week
                ? $"{ISOWeek.GetYear(start)}-W{ISOWeek.GetWeekOfYear(start):00}"
                : start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            if (b > period.FromUtc) yield return (key, new ReportPeriod(a > period.FromUtc ? a : period.FromUtc, b < period.ToUtc ? b : period.ToUtc));
            start = next;
        }
    }
}
