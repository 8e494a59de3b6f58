using System.CommandLine;
using System.Diagnostics;
using Touchpoint.Data.Service.Channels;

namespace Touchpoint.Cli.Commands;

/// <summary>
/// `touchpoint import twitter FILE`: the "Customer Support on Twitter" corpus (twcs.csv) through the social channel,
/// one ticket per conversation, brands as teams. Skipped and rejected rows are listed with their line.
/// </summary>
internal static class TwitterImportCommand
{
    public static Command Create(CliIo io)
    {
        var file = new Argument<FileInfo>("file") { Description = "twcs.csv (tweet_id, author_id, inbound, created_at, text, response_tweet_id, in_response_to_tweet_id)" };
        var show = new Option<int>("--show-errors") { Description = "How many skipped or rejected rows to list (human output)", DefaultValueFactory = _ => 20 };
        var runRules = new Option<bool>("--run-rules") { Description = "Run the \"created\" and \"customer replied\" routing rules on the imported conversations (off: the file is history)" };
        var command = new Command("twitter", "Import customer-support tweets as social tickets (twcs.csv)") { file, show, runRules };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new CliException($"file not found: {path.FullName}");
            await using var host = await CliHost.StartAsync(parse, ct);
            var clock = Stopwatch.StartNew();
            var import = new TwitterImport(host.Get<Data.Store.TouchpointDbFactory>(), TimeProvider.System, parse.GetValue(runRules));
            var r = await import.ImportFileAsync(path.FullName, new InlineProgress<int>(n => io.Progress($"importing {path.Name}: {CliIo.N(n)} tweets")), ct);
            io.EndProgress();
            if (parse.GetValue(Cli.Json))
            {
                await io.WriteJsonAsync(new
                {
                    file = path.Name, rows = r.Rows, stored = r.Stored, duplicates = r.Duplicates, tickets = r.Tickets, brands = r.Brands,
                    skipped = r.Skipped.Select(s => new { line = s.Line, reason = s.Reason }),
                    rejected = r.Rejected.Select(s => new { line = s.Line, reason = s.Reason }),
                    seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
                });
            }
            else
            {
                await io.Out.WriteLineAsync($"{path.Name}: {CliIo.N(r.Rows)} rows, {CliIo.N(r.Stored)} messages stored on {CliIo.N(r.Tickets)} tickets, " +
                    $"{CliIo.N(r.Brands)} brands, {CliIo.N(r.Duplicates)} already there, {CliIo.N(r.Skipped.Count)} skipped, {CliIo.N(r.Rejected.Count)} rejected " +
                    $"in {clock.Elapsed.TotalSeconds:0.0} s");
                foreach (var (line, reason) in r.Rejected.Select(x => (x.Line, "rejected: " + x.Reason)).Concat(r.Skipped.Select(x => (x.Line, "skipped: " + x.Reason))).Take(parse.GetValue(show)))
                    await io.Out.WriteLineAsync($"  line {line}: {reason}");
            }
            return r.Rejected.Count > 0 ? Cli.RowsRejected : Cli.Ok;
        }));
        return command;
    }
}
