using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;

namespace Touchpoint.Cli.Commands;

/// <summary>`touchpoint apikeys create|list|revoke`: keys other systems call the API with.</summary>
internal static class ApiKeysCommand
{
    public static Command Create(CliIo io)
    {
        var keys = new Command("apikeys", "Create, list and revoke API keys");
        keys.Subcommands.Add(CreateKey(io));
        keys.Subcommands.Add(List(io));
        keys.Subcommands.Add(Revoke(io));
        return keys;
    }

    private static object Row(ApiKey k) => new
    {
        id = k.Id, name = k.Name, prefix = k.Prefix, role = k.Role, createdAt = k.CreatedAtUtc, revokedAt = k.RevokedAtUtc, lastUsedAt = k.LastUsedAtUtc,
    };

    private static Command CreateKey(CliIo io)
    {
        var name = new Option<string>("--name") { Description = "What the key is for (e.g. \"shop webhook\")", Required = true };
        var role = new Option<string>("--role") { Description = "admin, agent, analyst or viewer", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var command = new Command("create", "Create a key; its secret is printed once") { name, role };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            var label = parse.GetValue(name)!.Trim();
            if (label.Length is 0 or > 100) throw new CliException("--name must be 1 to 100 characters");
            await using var host = await CliHost.StartAsync(parse, ct);
            var db = host.Get<TouchpointDb>();
            var (key, secret) = ApiKey.Issue(label, parse.GetValue(role)!, null, host.Get<TimeProvider>().GetUtcNow().UtcDateTime);
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(ct);
            if (parse.GetValue(Cli.Json)) await io.WriteJsonAsync(new { key = Row(key), secret });
            else
            {
                await io.Out.WriteLineAsync($"Created API key {key.Id} '{key.Name}' ({key.Role}).");
                await io.Out.WriteLineAsync($"Secret (shown only now): {secret}");
            }
            return Cli.Ok;
        }));
        return command;
    }

    private static Command List(CliIo io)
    {
        var command = new Command("list", "List API keys (secrets are never shown again)");
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, ct);
            var keys = await host.Get<TouchpointDb>().ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct);
            if (parse.GetValue(Cli.Json))
            {
                await io.WriteJsonAsync(keys.Select(Row));
                return Cli.Ok;
            }
            await io.Out.WriteLineAsync($"{"ID",6}  {"PREFIX",-11}  {"ROLE",-8}  {"STATE",-7}  NAME");
            foreach (var k in keys) await io.Out.WriteLineAsync($"{k.Id,6}  {k.Prefix,-11}  {k.Role,-8}  {(k.IsActive ? "active" : "revoked"),-7}  {k.Name}");
            return Cli.Ok;
        }));
        return command;
    }

    private static Command Revoke(CliIo io)
    {
        var id = new Argument<long>("id") { Description = "The key's id (see apikeys list)" };
        var command = new Command("revoke", "Revoke a key; calls with it fail from now on") { id };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            var keyId = parse.GetValue(id);
            await using var host = await CliHost.StartAsync(parse, ct);
            var db = host.Get<TouchpointDb>();
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, ct) ?? throw new CliException($"no API key with id {keyId}");
            key.RevokedAtUtc ??= host.Get<TimeProvider>().GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            if (parse.GetValue(Cli.Json)) await io.WriteJsonAsync(Row(key));
            else await io.Out.WriteLineAsync($"Revoked API key {key.Id} '{key.Name}'.");
            return Cli.Ok;
        }));
        return command;
    }
}
