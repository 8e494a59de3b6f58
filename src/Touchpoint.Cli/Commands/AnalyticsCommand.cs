using System.CommandLine;
using System.Globalization;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Journeys;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Journeys.Analytics;

namespace Touchpoint.Cli.Commands;

/// <summary>
/// `touchpoint analytics funnel|paths|cohorts|friction|consistency|rebuild`: the journey analyses of the API and the
/// pages, from the same code, on the DuckDB mirror beside the store (caught up before each answer).
/// </summary>
internal static class AnalyticsCommand
{
    public static Command Create(CliIo io)
    {
        var analytics = new Command("analytics", "Journey analyses: funnels, paths, cohorts, friction, consistency; rebuild the analytics mirror");
        analytics.Subcommands.Add(Funnel(io));
        analytics.Subcommands.Add(Paths(io));
        analytics.Subcommands.Add(Cohorts(io));
        analytics.Subcommands.Add(JourneysCommand.Friction(io));
        analytics.Subcommands.Add(Consistency(io));
        analytics.Subcommands.Add(Rebuild(io));
        return analytics;
    }

    /// <summary>Field errors of a query as one line naming the options (the API names the same fields).</summary>
    private static void Check(IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0) throw new CliException(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
    }

    private static Command Funnel(CliIo io)
    {
        var steps = new Option<string>("--steps") { Description = "Event types in order, comma-separated", Required = true };
        var window = new Option<string>("--window") { Description = "Conversion window: 30m, 24h, 7d, 2w", DefaultValueFactory = _ => "7d" };
        var mode = new Option<string>("--mode") { Description = "ordered, strict or unordered", DefaultValueFactory = _ => "ordered" };
        var breakdown = new Option<string?>("--breakdown") { Description = "segment, channel or property:NAME" };
        var attribution = new Option<string?>("--attribution") { Description = "Which step gives a channel or property breakdown its value: first_touch (default), last_touch or step:N" };
        var command = new Command("funnel", "Conversion, drop-off and time to convert per step (docs/funnels.md)") { steps, window, mode, breakdown, attribution };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            var request = new FunnelRequest(parse.GetValue(steps)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => new FunnelStepRequest(s)).ToList(), parse.GetValue(window), parse.GetValue(mode), null, parse.GetValue(breakdown),
                BreakdownAttribution: parse.GetValue(attribution));
            var (funnel, errors) = request.ToDefinition();
            Check(errors);
            await using var host = await CliHost.StartAsync(parse, ct);
            var result = await host.Get<IJourneyAnalytics>().FunnelAsync(funnel!, ct);
            if (parse.GetValue(Cli.Json)) { await io.WriteJsonAsync(result); return Cli.Ok; }
            foreach (var s in result.Total.Steps)
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Index + 1}. {s.Name,-30} {s.Count,9:N0}  {100 * s.ConversionFromFirst,6:0.0}% of first  {s.DropOff,9:N0} dropped"));
            return Cli.Ok;
        }));
        return command;
    }

    private static Command Paths(CliIo io)
    {
        var start = new Option<string>("--start") { Description = "Start event type", Required = true };
        var depth = new Option<int>("--depth") { Description = "Steps after the start (1-10)", DefaultValueFactory = _ => 3 };
        var top = new Option<int>("--top") { Description = "Transitions kept per step (1-100)", DefaultValueFactory = _ => 10 };
        var end = new Option<string?>("--end") { Description = "Keep only paths that reach this event type (or stage), cut there" };
        var by = new Option<string>("--by") { Description = "touchpoint (default) or stage: paths over the stages of a journey", DefaultValueFactory = _ => "touchpoint" };
        var journey = new Option<long?>("--journey") { Description = "Journey whose stages --by stage uses (default: the first)" };
        var command = new Command("paths", "What customers did next after their first event of a type (or stage); (end) is drop-off") { start, depth, top, end, by, journey };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, ct);
            var (stages, problem) = await PathStages.ForAsync(host.Get<TouchpointDb>(), parse.GetValue(by), parse.GetValue(journey), ct);
            if (problem is not null) Check([problem]);
            var q = new PathQuery(parse.GetValue(start)!.Trim().ToLowerInvariant(), parse.GetValue(depth), parse.GetValue(top),
                EndType: parse.GetValue(end)?.Trim().ToLowerInvariant() is { Length: > 0 } e ? e : null, StageOf: stages);
            Check(q.Validate());
            var transitions = await host.Get<IJourneyAnalytics>().PathsAsync(q, ct);
            if (parse.GetValue(Cli.Json)) { await io.WriteJsonAsync(transitions); return Cli.Ok; }
            foreach (var t in transitions)
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"step {t.Level}: {t.From,-28} -> {t.To,-28} {t.Customers,9:N0}"));
            return Cli.Ok;
        }));
        return command;
    }

    private static Command Cohorts(CliIo io)
    {
        var period = new Option<string>("--period") { Description = "week or month", DefaultValueFactory = _ => "month" };
        period.AcceptOnlyFromAmong("week", "month");
        var periods = new Option<int>("--periods") { Description = "Periods after first touch (1-104)", DefaultValueFactory = _ => 12 };
        var activity = new Option<string?>("--activity") { Description = "Event type that counts as active (default: any)" };
        var command = new Command("cohorts", "Retention by first-touch week or month") { period, periods, activity };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            var q = new CohortQuery(parse.GetValue(period) == "week" ? CohortPeriod.Week : CohortPeriod.Month, parse.GetValue(periods),
                parse.GetValue(activity)?.Trim().ToLowerInvariant() is { Length: > 0 } a ? a : null);
            Check(q.Validate());
            await using var host = await CliHost.StartAsync(parse, ct);
            var cells = await host.Get<IJourneyAnalytics>().RetentionCohortsAsync(q, ct);
            if (parse.GetValue(Cli.Json)) { await io.WriteJsonAsync(cells); return Cli.Ok; }
            foreach (var cohort in cells.GroupBy(c => (c.CohortStart, c.CohortSize)).OrderBy(g => g.Key.CohortStart))
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{cohort.Key.CohortStart:yyyy-MM-dd} {cohort.Key.CohortSize,7:N0}  ") + string.Join(" ", cohort.OrderBy(c => c.Period)
                        .Select(c => (100.0 * c.Active / Math.Max(1, cohort.Key.CohortSize)).ToString("0", CultureInfo.InvariantCulture).PadLeft(4) + "%")));
            return Cli.Ok;
        }));
        return command;
    }

    private static Command Consistency(CliIo io)
    {
        var metric = new Option<string>("--metric") { Description = "csat, ces, nps, resolution_hours or stage_days", DefaultValueFactory = _ => "csat" };
        var by = new Option<string>("--by") { Description = "channel or touchpoint", DefaultValueFactory = _ => "channel" };
        var minN = new Option<int>("--min-n") { Description = "Smallest group compared", DefaultValueFactory = _ => 10 };
        var journey = new Option<long?>("--journey") { Description = "Journey id for stage_days (default: the first journey)" };
        var fromStage = new Option<string?>("--from-stage") { Description = "stage_days: the stage key to measure from" };
        var toStage = new Option<string?>("--to-stage") { Description = "stage_days: the later stage key to measure to" };
        var command = new Command("consistency", "One metric across channels or touchpoints: means with intervals, spread, groups worse than the rest")
            { metric, by, minN, journey, fromStage, toStage };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            var q = new ConsistencyQuery(parse.GetValue(metric)!.Trim().ToLowerInvariant(), parse.GetValue(by)!.Trim().ToLowerInvariant(), parse.GetValue(minN),
                parse.GetValue(journey), parse.GetValue(fromStage)?.Trim(), parse.GetValue(toStage)?.Trim());
            Check(q.Validate());
            await using var host = await CliHost.StartAsync(parse, ct);
            var (found, errors) = await ConsistencyReport.RunAsync(host.Get<TouchpointDb>(), q, ct);
            Check(errors);
            var r = found!;
            if (parse.GetValue(Cli.Json))
            {
                await io.WriteJsonAsync(new { q.Metric, q.By, q.Unit, r.HigherIsBetter, r.MinN, r.N, r.OverallMean, r.Range, r.SpreadSd,
                    groups = r.Groups.Select(g => new { g.Group, g.N, g.Mean, g.Low, g.High, g.Compared, versusRest = g.VersusRest, g.WorseThanRest }) });
                return Cli.Ok;
            }
            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{q.Unit} by {q.By}: range {r.Range:0.##}, standard deviation {r.SpreadSd:0.##}"));
            foreach (var g in r.Groups)
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {g.Group,-20} n={g.N,-7:N0} {g.Mean,8:0.##} [{g.Low:0.##}, {g.High:0.##}]{(g.WorseThanRest ? "  worse than the rest" : g.Compared ? "" : "  (too few to compare)")}"));
            return Cli.Ok;
        }));
        return command;
    }

    private static Command Rebuild(CliIo io)
    {
        var command = new Command("rebuild", "Empty the DuckDB analytics mirror and copy every event of the store into it again");
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, ct);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var copied = await host.Get<AnalyticsMirror>().RebuildAsync(ct);
            var path = host.Get<AnalyticsDatabase>().Path;
            if (parse.GetValue(Cli.Json)) { await io.WriteJsonAsync(new { mirror = path, events = copied, seconds = started.Elapsed.TotalSeconds }); return Cli.Ok; }
            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Rebuilt {path}: {CliIo.N(copied)} events in {started.Elapsed.TotalSeconds:0.0} s."));
            return Cli.Ok;
        }));
        return command;
    }
}
