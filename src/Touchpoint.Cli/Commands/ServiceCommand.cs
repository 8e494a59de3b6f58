using System.CommandLine;
using System.Globalization;
using Touchpoint.Data.Metrics;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Metrics;

namespace Touchpoint.Cli.Commands;

/// <summary>
/// `touchpoint service metrics`: the service-desk report of a period and the one before it, computed by the same
/// ServiceMetricsSource and ServiceMetricsTable as GET /api/v1/service/metrics, as a table, JSON or CSV.
/// The workspace calendar comes from the same settings as the web host (Touchpoint__TimeZone, __BusinessHours, __Holidays).
/// </summary>
internal static class ServiceCommand
{
    public static Command Create(CliIo io)
    {
        var service = new Command("service", "Service desk: metrics");
        service.Subcommands.Add(Metrics(io));
        return service;
    }

    private static Command Metrics(CliIo io)
    {
        var from = new Option<string?>("--from") { Description = "First day, yyyy-MM-dd in the workspace's time zone (default: 30 days before --to)" };
        var to = new Option<string?>("--to") { Description = "Day after the last, yyyy-MM-dd (default: tomorrow, so today is included)" };
        var groupBy = new Option<string?>("--group-by") { Description = "agent, team, channel, segment, week or month" };
        groupBy.AcceptOnlyFromAmong("agent", "team", "channel", "segment", "week", "month");
        var csv = new Option<bool>("--csv") { Description = "Print CSV (the same columns as /api/v1/service/metrics.csv)" };
        var command = new Command("metrics", "First and next response, resolution, FCR, reopens, SLA, backlog, CSAT and CES with the previous period")
            { from, to, groupBy, csv };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            if (parse.GetValue(csv) && parse.GetValue(Cli.Json)) throw new CliException("give --json or --csv, not both");
            var calendar = Calendar();
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, calendar.Zone));
            var end = Day(parse.GetValue(to), "--to") ?? today.AddDays(1);
            var start = Day(parse.GetValue(from), "--from") ?? end.AddDays(-30);
            if (start >= end) throw new CliException("--to must be after --from");
            if (end.DayNumber - start.DayNumber > 366) throw new CliException("--to must be at most 366 days after --from");
            var grouping = parse.GetValue(groupBy) is { } g ? Enum.Parse<ServiceGrouping>(g, ignoreCase: true) : ServiceGrouping.None;

            await using var host = await CliHost.StartAsync(parse, ct);
            var db = host.Get<TouchpointDb>();
            var period = new ReportPeriod(Midnight(start, calendar), Midnight(end, calendar));
            var book = await Touchpoint.Data.Service.Sla.SlaPolicies.BookAsync(db, calendar, ct);
            var report = await ServiceMetricsSource.ReportAsync(db, period, grouping, book, DateTime.UtcNow, ct);
            if (parse.GetValue(csv)) await io.Out.WriteAsync(ServiceMetricsTable.Csv(report));
            else if (parse.GetValue(Cli.Json)) await io.WriteJsonAsync(new
            {
                groupBy = report.GroupBy.ToString().ToLowerInvariant(), timeZone = calendar.Zone.Id, asOf = report.AsOfUtc,
                current = Shape(report.Current), previous = Shape(report.Previous),
            });
            else await WriteTableAsync(io, report);
            return Cli.Ok;
        }));
        return command;
    }

    /// <summary>The same shape as the API's periods (a ReportPeriod refers to its previous one, endlessly).</summary>
    private static object Shape(ServiceMetricsPeriod p) => new
    {
        from = p.Period.FromUtc, to = p.Period.ToUtc, total = p.Total,
        groups = p.Groups.Select(g => new { key = g.Key, from = g.Period.FromUtc, to = g.Period.ToUtc, metrics = g.Metrics }),
    };

    /// <summary>The headline figures, current and previous period side by side.</summary>
    private static async Task WriteTableAsync(CliIo io, ServiceMetricsReport report)
    {
        var (c, p) = (report.Current.Total, report.Previous.Total);
        await io.Out.WriteLineAsync($"Service metrics {report.Current.Period.FromUtc:yyyy-MM-dd HH:mm} to {report.Current.Period.ToUtc:yyyy-MM-dd HH:mm} UTC (previous period in brackets)");
        foreach (var (name, now, before) in new (string, string, string)[]
        {
            ("tickets created", N(c.TicketsCreated), N(p.TicketsCreated)),
            ("tickets resolved", N(c.TicketsResolved), N(p.TicketsResolved)),
            ("backlog at end", N(c.BacklogAtEnd), N(p.BacklogAtEnd)),
            ("first response, median", Hours(c.FirstResponse.MedianSeconds), Hours(p.FirstResponse.MedianSeconds)),
            ("resolution, median", Hours(c.Resolution.MedianSeconds), Hours(p.Resolution.MedianSeconds)),
            ("first contact resolution", Pct(c.FirstContactResolution.Percent), Pct(p.FirstContactResolution.Percent)),
            ("reopen rate", Pct(c.Reopened.Percent), Pct(p.Reopened.Percent)),
            ("SLA attainment", Pct(c.SlaOverall.Percent), Pct(p.SlaOverall.Percent)),
            ("CSAT", Pct(c.Csat.Percent), Pct(p.Csat.Percent)),
            ("average handle time", Minutes(c.HandleTime.MeanSeconds), Minutes(p.HandleTime.MeanSeconds)),
        })
            await io.Out.WriteLineAsync($"  {name,-26} {now,10}  ({before})");
        foreach (var g in report.Current.Groups)
            await io.Out.WriteLineAsync($"  {report.GroupBy.ToString().ToLowerInvariant()} {g.Key}: {N(g.Metrics.TicketsCreated)} created, {N(g.Metrics.TicketsResolved)} resolved, " +
                $"first response median {Hours(g.Metrics.FirstResponse.MedianSeconds)}, SLA {Pct(g.Metrics.SlaOverall.Percent)}");
    }

    private static string N(int n) => CliIo.N(n);
    private static string Hours(double? seconds) => seconds is { } s ? (s / 3600).ToString("0.0", CultureInfo.InvariantCulture) + " h" : "–";
    private static string Minutes(double? seconds) => seconds is { } s ? (s / 60).ToString("0.0", CultureInfo.InvariantCulture) + " min" : "–";
    private static string Pct(double? percent) => percent is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    private static DateOnly? Day(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new CliException($"{option}: '{text}' is not a date (yyyy-MM-dd)");
    }

    private static BusinessCalendar Calendar()
    {
        var zone = Environment.GetEnvironmentVariable("Touchpoint__TimeZone") is { Length: > 0 } z ? z : "Europe/Lisbon";
        var hours = Environment.GetEnvironmentVariable("Touchpoint__BusinessHours") is { Length: > 0 } h ? h : "mon-fri 09:00-18:00";
        var holidays = (Environment.GetEnvironmentVariable("Touchpoint__Holidays") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => Day(d, "Touchpoint__Holidays")!.Value);
        return BusinessCalendar.InZone(zone, OpeningHours.Parse(hours), holidays);
    }

    private static DateTime Midnight(DateOnly date, BusinessCalendar calendar)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        while (calendar.Zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        return TimeZoneInfo.ConvertTimeToUtc(local, calendar.Zone);
    }
}
