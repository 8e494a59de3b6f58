using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Sla;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Sla;

namespace Touchpoint.Cli.Commands;

/// <summary>
/// `touchpoint sla policies list|show ID`: the SLA policies in the order they are matched, read-only (change them on
/// the Settings page or with /api/v1/sla-policies, where they are validated). `--json` prints the API's shape.
/// </summary>
internal static class SlaCommand
{
    public static Command Create(CliIo io)
    {
        var policies = new Command("policies", "SLA policies, first match first");
        policies.Subcommands.Add(List(io));
        policies.Subcommands.Add(Show(io));
        var sla = new Command("sla", "Service level agreements (read-only)");
        sla.Subcommands.Add(policies);
        return sla;
    }

    private static Command List(CliIo io)
    {
        var command = new Command("list", "Every SLA policy with its conditions and targets");
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, ct);
            var rows = await host.Get<TouchpointDb>().SlaPolicies().AsNoTracking().OrderBy(p => p.Position).ThenBy(p => p.Id).ToListAsync(ct);
            if (parse.GetValue(Cli.Json)) await io.WriteJsonAsync(rows.Select(Shape));
            else foreach (var row in rows) await WriteAsync(io, row, details: false);
            return Cli.Ok;
        }));
        return command;
    }

    private static Command Show(CliIo io)
    {
        var id = new Argument<long>("id") { Description = "The policy's id (see `sla policies list`)" };
        var command = new Command("show", "One SLA policy with its calendar, warning and escalation actions") { id };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, ct);
            var wanted = parse.GetValue(id);
            var row = await host.Get<TouchpointDb>().SlaPolicies().AsNoTracking().FirstOrDefaultAsync(p => p.Id == wanted, ct)
                ?? throw new CliException($"no SLA policy has id {wanted}");
            if (parse.GetValue(Cli.Json)) await io.WriteJsonAsync(Shape(row));
            else await WriteAsync(io, row, details: true);
            return Cli.Ok;
        }));
        return command;
    }

    /// <summary>The same fields as GET /api/v1/sla-policies/{id}.</summary>
    private static object Shape(SlaPolicyDefinition row)
    {
        var d = SlaPolicyDrafts.Read(row);
        return new
        {
            id = row.Id, name = row.Name, position = row.Position, conditions = d.Conditions ?? new SlaConditions(),
            targets = d.Targets ?? new Dictionary<string, SlaTargetMinutes>(), calendar = d.Calendar ?? new SlaCalendarInput(),
            warning = d.Warning, onWarning = d.OnWarning, onBreach = d.OnBreach, updatedAt = row.UpdatedAtUtc,
        };
    }

    private static async Task WriteAsync(CliIo io, SlaPolicyDefinition row, bool details)
    {
        var d = SlaPolicyDrafts.Read(row);
        var c = d.Conditions ?? new SlaConditions();
        var when = new[] { ("priority", c.Priorities), ("segment", c.Segments), ("channel", c.Channels), ("team", c.TeamIds?.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList()) }
            .Where(x => x.Item2 is { Count: > 0 }).Select(x => $"{x.Item1} {string.Join("/", x.Item2!)}").ToList();
        await io.Out.WriteLineAsync($"#{row.Id} {row.Name} (position {row.Position}): {(when.Count == 0 ? "every ticket" : string.Join(", ", when))}");
        foreach (var (priority, t) in d.Targets ?? new Dictionary<string, SlaTargetMinutes>())
            await io.Out.WriteLineAsync($"  {priority,-7} first response {Minutes(t.FirstResponse)}, next response {Minutes(t.NextResponse)}, resolution {Minutes(t.Resolution)}");
        if (!details) return;
        var cal = d.Calendar ?? new SlaCalendarInput();
        await io.Out.WriteLineAsync(cal.TimeZone is null ? "  calendar: the workspace's" : $"  calendar: {cal.TimeZone}, {cal.BusinessHours}" +
            (cal.Holidays is { Count: > 0 } h ? $", holidays {string.Join(", ", h)}" : ""));
        if (d.Warning is { } w) await io.Out.WriteLineAsync($"  warning: {(w.Percent is { } p ? $"at {p} % of the target" : $"{w.MinutesBefore} min before due")}");
        if (d.OnWarning is { } ow) await io.Out.WriteLineAsync($"  on warning: {Actions(ow)}");
        if (d.OnBreach is { } ob) await io.Out.WriteLineAsync($"  on breach: {Actions(ob)}");
    }

    private static string Minutes(int? m) => m is { } v ? (v % 60 == 0 ? $"{v / 60} h" : $"{v} min") : "none";

    private static string Actions(SlaActions a)
    {
        var parts = new List<string>();
        if (a.Notify) parts.Add("notify");
        if (a.RaisePriority) parts.Add("raise priority");
        if (a.TeamId is { } team) parts.Add($"move to team {team}");
        if (a.AddTag is { Length: > 0 } tag) parts.Add($"tag {tag}");
        return parts.Count == 0 ? "record only" : string.Join(", ", parts);
    }
}
