using Touchpoint.Data.Analytics;
using System.CommandLine;
using System.Globalization;
using Touchpoint.Data.Journeys;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys.Friction;

namespace Touchpoint.Cli.Commands;

/// <summary>`touchpoint journeys friction`: the ranked friction points and defining moments of a journey.</summary>
internal static class JourneysCommand
{
    public static Command Create(CliIo io)
    {
        var journeys = new Command("journeys", "Journey analyses");
        journeys.Subcommands.Add(Friction(io));
        return journeys;
    }

    internal static Command Friction(CliIo io)
    {
        var journey = new Option<long?>("--journey") { Description = "Journey id (default: the first journey)" };
        var outcome = new Option<string>("--outcome") { Description = "nps, csat, churn or revenue", DefaultValueFactory = _ => "nps" };
        outcome.AcceptOnlyFromAmong("nps", "csat", "churn", "revenue");
        var top = new Option<int>("--top") { Description = "How many friction points and moments to list", DefaultValueFactory = _ => 10 };
        var churnDays = new Option<int>("--churn-days") { Description = "No activity for this many days before the end of the data is churn", DefaultValueFactory = _ => 90 };
        var command = new Command("friction", "Rank the moments that hurt (and help) what customers said and did next") { journey, outcome, top, churnDays };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, ct);
            var report = await FrictionReport.RunAsync(host.Get<TouchpointDb>(), host.Get<IJourneyAnalytics>(), parse.GetValue(journey), new FrictionOptions(ChurnDays: parse.GetValue(churnDays)), ct);
            if (report is null)
            {
                await io.Err.WriteLineAsync("No journey to analyse: define one first (or load the demo).");
                return Cli.Failed;
            }
            var wanted = Enum.Parse<FrictionOutcome>(parse.GetValue(outcome)!, true);
            var rows = report.Findings.Where(r => r.Finding.Outcome == wanted).ToList();
            var n = parse.GetValue(top);
            var friction = rows.Where(r => r.Finding.IsFriction).Take(n).ToList();
            var moments = rows.Where(r => r.Finding.IsDefiningMoment).OrderByDescending(r => r.Finding.Impact).Take(n).ToList();
            if (parse.GetValue(Cli.Json))
            {
                await io.WriteJsonAsync(new { report.JourneyId, report.Journey, report.Version, end = report.EndUtc, report.Customers, outcome = wanted.ToString().ToLowerInvariant(),
                    friction = friction.Select(Json), moments = moments.Select(Json) });
                return Cli.Ok;
            }
            await io.Out.WriteLineAsync($"{report.Journey} (version {report.Version}), {CliIo.N(report.Customers)} customers, {wanted} after the moment:");
            await io.Out.WriteLineAsync("Friction points (most harmful first):");
            foreach (var r in friction) await io.Out.WriteLineAsync(Line(r));
            await io.Out.WriteLineAsync("Defining moments:");
            foreach (var r in moments) await io.Out.WriteLineAsync(Line(r));
            return Cli.Ok;
        }));
        return command;
    }

    private static object Json(FrictionRow r) => new
    {
        r.Finding.Key, r.Finding.Label, ownerTeam = r.OwnerTeam, r.Finding.Affected, r.Finding.AffectedMeasured, r.Finding.OthersMeasured,
        r.Finding.AffectedValue, r.Finding.OthersValue, effect = r.Finding.Effect, r.Finding.Impact, r.Finding.ExampleCustomerIds,
    };

    private static string Line(FrictionRow r)
    {
        var f = r.Finding;
        var e = f.Effect!;
        return string.Create(CultureInfo.InvariantCulture,
            $"  {f.Label,-55} {r.OwnerTeam,-12} {f.Affected,7:N0} customers  effect {e.Difference,7:+0.0;-0.0} [{e.Low:0.0}, {e.High:0.0}]  impact {f.Impact:N0}");
    }
}
