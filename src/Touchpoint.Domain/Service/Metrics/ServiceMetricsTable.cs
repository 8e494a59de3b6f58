using System.Globalization;

namespace Touchpoint.Domain.Service.Metrics;

/// <summary>
/// The report as a flat table, one row per period and group (the total has group "all"), so the CSV export of the
/// API and of the CLI are the same file. Times are in seconds, percentages 0-100, empty cells mean "no data".
/// </summary>
public static class ServiceMetricsTable
{
    private static readonly (string Name, Func<ServiceMetrics, double?> Value)[] Columns =
    [
        ("tickets_created", m => m.TicketsCreated), ("tickets_resolved", m => m.TicketsResolved),
        ("backlog_at_end", m => m.BacklogAtEnd), ("awaiting_first_response_at_end", m => m.AwaitingFirstResponseAtEnd),
        .. Time("first_response", m => m.FirstResponse), .. Time("first_response_sla_clock", m => m.FirstResponseSlaClock),
        .. Time("next_response", m => m.NextResponse), .. Time("next_response_sla_clock", m => m.NextResponseSlaClock),
        .. Time("resolution", m => m.Resolution), .. Time("resolution_business", m => m.ResolutionBusiness),
        .. Time("resolution_sla_clock", m => m.ResolutionSlaClock),
        .. Share("fcr", m => m.FirstContactResolution), .. Share("reopened", m => m.Reopened),
        .. Sla("sla_first_response", m => m.SlaFirstResponse), .. Sla("sla_next_response", m => m.SlaNextResponse),
        .. Sla("sla_resolution", m => m.SlaResolution), .. Sla("sla_overall", m => m.SlaOverall),
        .. Share("csat", m => m.Csat), ("ces_answers", m => m.CesAnswers), ("ces_mean", m => m.CesMean),
        .. Time("handle_time", m => m.HandleTime),
    ];

    public static IReadOnlyList<string> Header { get; } = ["period", "from", "to", "group", .. Columns.Select(c => c.Name)];

    /// <summary>Rows of the current period, then of the previous one; labels may turn group keys into names.</summary>
    public static IEnumerable<IReadOnlyList<string>> Rows(ServiceMetricsReport report, Func<string, string>? label = null)
    {
        foreach (var (name, p) in new[] { ("current", report.Current), ("previous", report.Previous) })
        {
            yield return Row(name, p.Period, "all", p.Total);
            foreach (var g in p.Groups) yield return Row(name, g.Period, label?.Invoke(g.Key) ?? g.Key, g.Metrics);
        }
    }

    /// <summary>RFC 4180 CSV with a header line; fields with commas, quotes or line breaks are quoted.</summary>
    public static string Csv(ServiceMetricsReport report, Func<string, string>? label = null)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var row in Rows(report, label).Prepend(Header))
            sb.Append(string.Join(',', row.Select(Quote))).Append("\r\n");
        return sb.ToString();
    }

    private static string Quote(string s) => s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static IReadOnlyList<string> Row(string period, ReportPeriod p, string group, ServiceMetrics m) =>
        [period, Stamp(p.FromUtc), Stamp(p.ToUtc), group, .. Columns.Select(c => c.Value(m) is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "")];

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static IEnumerable<(string, Func<ServiceMetrics, double?>)> Time(string name, Func<ServiceMetrics, TimeStats> s) =>
    [
        (name + "_count", m => s(m).Count), (name + "_mean_s", m => s(m).MeanSeconds),
        (name + "_median_s", m => s(m).MedianSeconds), (name + "_p90_s", m => s(m).P90Seconds),
    ];

    private static IEnumerable<(string, Func<ServiceMetrics, double?>)> Share(string name, Func<ServiceMetrics, Rate> r) =>
        [(name + "_numerator", m => r(m).Numerator), (name + "_denominator", m => r(m).Denominator), (name + "_percent", m => r(m).Percent)];

    private static IEnumerable<(string, Func<ServiceMetrics, double?>)> Sla(string name, Func<ServiceMetrics, SlaAttainment> a) =>
    [
        (name + "_met", m => a(m).Met), (name + "_breached", m => a(m).Breached),
        (name + "_no_response", m => a(m).BreachedWithoutResponse), (name + "_percent", m => a(m).Percent),
    ];
}
