using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Metrics;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Web.Api;
using Touchpoint.Web.Features.Service.Metrics;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Service;

public sealed record MetricsGroupDto(string Key, string Label, DateTime From, DateTime To, ServiceMetrics Metrics);

public sealed record MetricsPeriodDto(DateTime From, DateTime To, ServiceMetrics Total, IReadOnlyList<MetricsGroupDto> Groups);

/// <summary>The service-desk report: the period, the same-length period before it, and the definitions' context.</summary>
public sealed record ServiceMetricsResponse(string GroupBy, string TimeZone, DateTime AsOf, MetricsPeriodDto Current, MetricsPeriodDto Previous);

/// <summary>The query string of both metrics endpoints.</summary>
public sealed record MetricsQuery(string? From, string? To, string? GroupBy);

/// <summary>
/// /api/v1/service/metrics: first and next response, resolution, FCR, reopen, SLA attainment, backlog, CSAT and CES
/// of a period with its previous period, as JSON or CSV. The numbers come from Domain/Service/Metrics; this class
/// only reads the query, loads the rows and shapes the answer. It sits in the Service namespace so Program.cs maps
/// it like the other feature groups.
/// </summary>
public static class ServiceMetricsApi
{
    private const int MaxDays = 366;

    public static RouteGroupBuilder MapServiceMetricsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/service").WithTags("Service metrics");
        g.MapGet("/metrics", Get).RequireAuthorization(Policies.Read);
        g.MapGet("/metrics.csv", GetCsv).RequireAuthorization(Policies.Read);
        return g;
    }

    public static async Task<Results<Ok<ServiceMetricsResponse>, ValidationProblem>> Get(
        [AsParameters] MetricsQuery query, TouchpointDb db, IConfiguration config, TimeProvider clock, CancellationToken ct)
    {
        var (report, calendar, errors) = await BuildAsync(query, db, config, clock, ct);
        if (report is null) return Validation.Problem(errors.ToArray());
        var label = await LabelsAsync(db, report.GroupBy, ct);
        MetricsPeriodDto Dto(ServiceMetricsPeriod p) => new(p.Period.FromUtc, p.Period.ToUtc, p.Total,
            p.Groups.Select(g => new MetricsGroupDto(g.Key, label(g.Key), g.Period.FromUtc, g.Period.ToUtc, g.Metrics)).ToList());
        return TypedResults.Ok(new ServiceMetricsResponse(report.GroupBy.ToString().ToLowerInvariant(), calendar.Zone.Id, report.AsOfUtc,
            Dto(report.Current), Dto(report.Previous)));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> GetCsv(
        [AsParameters] MetricsQuery query, TouchpointDb db, IConfiguration config, TimeProvider clock, CancellationToken ct)
    {
        var (report, _, errors) = await BuildAsync(query, db, config, clock, ct);
        if (report is null) return Validation.Problem(errors.ToArray());
        var csv = ServiceMetricsTable.Csv(report, await LabelsAsync(db, report.GroupBy, ct));
        var name = $"service-metrics-{report.Current.Period.FromUtc:yyyyMMdd}-{report.Current.Period.ToUtc:yyyyMMdd}.csv";
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", name);
    }

    private static async Task<(ServiceMetricsReport? Report, BusinessCalendar Calendar, List<(string, string)> Errors)> BuildAsync(
        MetricsQuery query, TouchpointDb db, IConfiguration config, TimeProvider clock, CancellationToken ct)
    {
        var calendar = WorkspaceCalendar.From(config);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new List<(string, string)>();
        var groupBy = ServiceGrouping.None;
        if (!string.IsNullOrWhiteSpace(query.GroupBy) && (!char.IsLetter(query.GroupBy[0]) || !Enum.TryParse(query.GroupBy, true, out groupBy) || groupBy == ServiceGrouping.None || !Enum.IsDefined(groupBy)))
            errors.Add(("groupBy", "must be one of agent, team, channel, segment, week, month"));
        // By default the last 30 whole local days, today included.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, calendar.Zone));
        var to = ReadInstant(query.To, "to", calendar, errors) ?? LocalMidnight(today.AddDays(1), calendar);
        var from = ReadInstant(query.From, "from", calendar, errors) ?? to.AddDays(-30);
        if (errors.Count == 0 && from >= to) errors.Add(("to", "must be after from"));
        else if (errors.Count == 0 && (to - from).TotalDays > MaxDays) errors.Add(("to", $"must be at most {MaxDays} days after from"));
        if (errors.Count > 0) return (null, calendar, errors);
        var book = await Touchpoint.Data.Service.Sla.SlaPolicies.BookAsync(db, calendar, ct);
        var report = await ServiceMetricsSource.ReportAsync(db, new ReportPeriod(from, to), groupBy, book, now, ct);
        return (report, calendar, errors);
    }

    /// <summary>A date (yyyy-MM-dd: local midnight in the workspace's zone) or an ISO 8601 instant with an offset.</summary>
    private static DateTime? ReadInstant(string? text, string field, BusinessCalendar calendar, List<(string, string)> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return LocalMidnight(date, calendar);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && HasOffset(text))
            return instant.UtcDateTime;
        errors.Add((field, "must be a date (yyyy-MM-dd) or an ISO 8601 date-time with an offset, e.g. 2026-03-01T00:00:00Z"));
        return null;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static DateTime LocalMidnight(DateOnly date, BusinessCalendar calendar)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        // A midnight skipped by a DST change (some zones change at 00:00) starts the day at the jump.
        while (calendar.Zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        return TimeZoneInfo.ConvertTimeToUtc(local, calendar.Zone);
    }

    /// <summary>Names for agent and team keys; other keys (channel, segment, week, month) are their own label.</summary>
    private static async Task<Func<string, string>> LabelsAsync(TouchpointDb db, ServiceGrouping groupBy, CancellationToken ct)
    {
        var names = groupBy switch
        {
            ServiceGrouping.Agent => await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id.ToString(CultureInfo.InvariantCulture), u => u.DisplayName, ct),
            ServiceGrouping.Team => await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id.ToString(CultureInfo.InvariantCulture), t => t.Name, ct),
            _ => [],
        };
        return key => names.TryGetValue(key, out var n) && n.Length > 0 ? n : key;
    }
}
