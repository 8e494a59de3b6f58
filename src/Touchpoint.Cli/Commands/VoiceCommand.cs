using System.CommandLine;
using System.Globalization;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Cli.Commands;

/// <summary>`touchpoint voice nps|csat|ces --by ...` (scores with 95% intervals) and `touchpoint voice import-nps FILE`.</summary>
internal static class VoiceCommand
{
    public static Command Create(CliIo io)
    {
        var voice = new Command("voice", "Voice of the customer: survey scores and imports");
        voice.Subcommands.Add(Scores(io, SurveyKind.Nps));
        voice.Subcommands.Add(Scores(io, SurveyKind.Csat));
        voice.Subcommands.Add(Scores(io, SurveyKind.Ces));
        voice.Subcommands.Add(ResponseRates(io));
        voice.Subcommands.Add(ImportNps(io));
        voice.Subcommands.Add(TextEvalCommand.Create(io));
        return voice;
    }

    private static Command Scores(CliIo io, SurveyKind kind)
    {
        var name = kind.ToString().ToLowerInvariant();
        var by = new Option<string>("--by") { Description = "Group by: stage (touchpoint), segment, channel, survey, week, month or none", DefaultValueFactory = _ => "none" };
        by.AcceptOnlyFromAmong(VoiceAnalytics.Dimensions);
        var from = new Option<DateTime?>("--from") { Description = "Answers from this UTC date (inclusive)" };
        var to = new Option<DateTime?>("--to") { Description = "Answers before this UTC date (exclusive)" };
        var survey = new Option<long?>("--survey") { Description = "Only this survey id" };
        var command = new Command(name, $"{name.ToUpperInvariant()} with 95% confidence intervals, overall and by group") { by, from, to, survey };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, ct);
            var f = parse.GetValue(from) is { } fv ? DateTime.SpecifyKind(fv, DateTimeKind.Utc) : (DateTime?)null;
            var t = parse.GetValue(to) is { } tv ? DateTime.SpecifyKind(tv, DateTimeKind.Utc) : (DateTime?)null;
            var report = await VoiceAnalytics.ReportAsync(host.Get<TouchpointDb>(), kind, parse.GetValue(by) ?? "none", f, t, parse.GetValue(survey), ct);
            if (parse.GetValue(Cli.Json)) { await io.WriteJsonAsync(report); return Cli.Ok; }
            await io.Out.WriteLineAsync($"{"group",-24} {"answers",8} {name,8} {"95% CI",18} {"mean",6}");
            foreach (var g in report.Groups.Prepend(report.Overall))
                await io.Out.WriteLineAsync($"{g.Key,-24} {g.Answers,8} {F(g.Score.Value),8} {($"{F(g.Score.Low)} to {F(g.Score.High)}"),18} {g.Mean?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-",6}");
            return Cli.Ok;
        }));
        return command;
    }

    private static Command ResponseRates(CliIo io)
    {
        var from = new Option<DateTime?>("--from") { Description = "Invitations from this UTC date (inclusive)" };
        var to = new Option<DateTime?>("--to") { Description = "Invitations before this UTC date (exclusive)" };
        var survey = new Option<long?>("--survey") { Description = "Only this survey id" };
        var command = new Command("response-rates", "Invitations sent, delivered, opened and answered per channel (email, link, widget, after-solve), with the response rate and its 95% interval") { from, to, survey };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, ct);
            var f = parse.GetValue(from) is { } fv ? DateTime.SpecifyKind(fv, DateTimeKind.Utc) : (DateTime?)null;
            var t = parse.GetValue(to) is { } tv ? DateTime.SpecifyKind(tv, DateTimeKind.Utc) : (DateTime?)null;
            if (f is not null && t is not null && t <= f) throw new CliException("--to must be after --from");
            var report = await VoiceResponseRates.ReportAsync(host.Get<TouchpointDb>(), f, t, parse.GetValue(survey), ct);
            if (parse.GetValue(Cli.Json)) { await io.WriteJsonAsync(report); return Cli.Ok; }
            await io.Out.WriteLineAsync($"{"channel",-14} {"sent",8} {"delivered",10} {"opened",8} {"answered",9} {"rate %",8} {"95% CI",16} {"suppressed",11}");
            foreach (var c in report.Channels.Append(report.Overall))
                await io.Out.WriteLineAsync($"{c.Channel,-14} {c.Sent,8} {c.Delivered,10} {c.Opened,8} {c.Answered,9} {F(c.Rate.Value),8} {($"{F(c.Rate.Low)} to {F(c.Rate.High)}"),16} {c.Suppressed,11}");
            return Cli.Ok;
        }));
        return command;
    }

    private static string F(double? v) => v?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-";

    private static Command ImportNps(CliIo io)
    {
        var file = new Argument<FileInfo>("file") { Description = "nps_verbatims.csv (CUSTOMER_RESPONSE_DATE dd/mm/yyyy hh:mm, SURVEY_SUB_TYPE, NPS_RATING, NPS_SCORE, text)" };
        var zone = new Option<string>("--time-zone") { Description = "Zone of the file's local times (default Europe/London)", DefaultValueFactory = _ => "Europe/London" };
        var command = new Command("import-nps", "Import NPS verbatims as answers of one NPS survey, the journey stage as the touchpoint") { file, zone };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new FileNotFoundException("file not found", path.FullName);
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(parse.GetValue(zone)!, out var tz)) throw new CliException($"unknown time zone '{parse.GetValue(zone)}'");
            await using var host = await CliHost.StartAsync(parse, ct);
            var r = await NpsVerbatimImport.RunAsync(host.Get<TouchpointDb>(), path.FullName, tz, DateTime.UtcNow, ct);
            if (parse.GetValue(Cli.Json)) await io.WriteJsonAsync(r);
            else
            {
                await io.Out.WriteLineAsync($"Read {r.Rows} rows: {r.Imported} imported ({r.CommentOnly} comment-only), {r.AlreadyThere} already there, {r.Rejected.Count} rejected. Survey {r.SurveyId}.");
                foreach (var line in r.Rejected) await io.Err.WriteLineAsync(line);
            }
            return r.Rejected.Count > 0 ? Cli.RowsRejected : Cli.Ok;
        }));
        return command;
    }
}
