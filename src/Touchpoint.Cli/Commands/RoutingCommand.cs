using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Routing;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Cli.Commands;

/// <summary>
/// `touchpoint routing rules list`: the routing rules in evaluation order, read-only (rules are validated against the
/// store when saved, on the Settings page or with /api/v1/routing-rules). `--json` prints the API's shape.
/// </summary>
internal static class RoutingCommand
{
    public static Command Create(CliIo io)
    {
        var list = new Command("list", "Every routing rule in the order it runs, with its conditions and actions");
        list.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, ct);
            var rules = await host.Get<TouchpointDb>().Set<RoutingRule>().AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(ct);
            if (parse.GetValue(Cli.Json))
                await io.WriteJsonAsync(rules.Select(r => new
                {
                    id = r.Id, name = r.Name, position = r.Position, isActive = r.IsActive, trigger = r.Trigger, afterMinutes = r.AfterMinutes,
                    match = r.Match, conditions = r.Conditions, actions = r.Actions, createdAt = r.CreatedAtUtc, updatedAt = r.UpdatedAtUtc,
                }));
            else
                foreach (var r in rules)
                {
                    var trigger = r.AfterMinutes is { } m ? $"{r.Trigger} {m} min" : r.Trigger;
                    await io.Out.WriteLineAsync($"#{r.Id} {r.Name} ({trigger}{(r.IsActive ? "" : ", inactive")})");
                    var when = r.Conditions.Select(c => $"{c.Field} {c.Op} {string.Join("/", c.Values)}").ToList();
                    await io.Out.WriteLineAsync($"  when {(when.Count == 0 ? "every ticket" : string.Join(r.Match == "any" ? " or " : " and ", when))}");
                    await io.Out.WriteLineAsync($"  then {string.Join(", ", r.Actions.Select(Describe))}");
                }
            return Cli.Ok;
        }));
        var rulesCommand = new Command("rules", "Routing and automation rules");
        rulesCommand.Subcommands.Add(list);
        var routing = new Command("routing", "Routing (read-only)");
        routing.Subcommands.Add(rulesCommand);
        return routing;
    }

    private static string Describe(RuleAction a) =>
        a.Type + (a.Key is { } k ? $" {k}" : "") + (a.Value is { Length: > 0 } v ? $" {v}" : "") + (a.Values is { Count: > 0 } vs ? $" {string.Join("/", vs)}" : "");
}
