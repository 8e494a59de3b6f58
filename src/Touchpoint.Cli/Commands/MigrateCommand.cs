using System.CommandLine;
using Touchpoint.Data.Store;

namespace Touchpoint.Cli.Commands;

/// <summary>`touchpoint migrate`: brings the store's schema up to date (SQLite keeps a copy of the file first).</summary>
internal static class MigrateCommand
{
    public static Command Create(CliIo io)
    {
        var command = new Command("migrate", "Apply pending schema migrations to the store");
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, ct, migrate: false);
            var applied = await host.Get<StoreMigrator>().MigrateAsync(ct);
            var provider = host.Store.Provider.ToString().ToLowerInvariant();
            if (parse.GetValue(Cli.Json)) await io.WriteJsonAsync(new { provider, applied });
            else if (applied.Count == 0) await io.Out.WriteLineAsync($"The {provider} store is up to date.");
            else
            {
                await io.Out.WriteLineAsync($"Applied {applied.Count} migration(s) to the {provider} store:");
                foreach (var m in applied) await io.Out.WriteLineAsync("  " + m);
            }
            return Cli.Ok;
        }));
        return command;
    }
}
