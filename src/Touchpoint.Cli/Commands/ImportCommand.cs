using System.CommandLine;
using System.Diagnostics;
using Touchpoint.Data.Import;

namespace Touchpoint.Cli.Commands;

/// <summary>`touchpoint import events|customers FILE`: bulk load from CSV or JSON lines, bad rows reported by line.</summary>
internal static class ImportCommand
{
    public static Command Create(CliIo io)
    {
        var import = new Command("import", "Import events or customers from a CSV or JSON lines file");
        import.Subcommands.Add(Kind(io, "events", "Import touchpoint events (unknown customer handles create customers)"));
        import.Subcommands.Add(Kind(io, "customers", "Import customers (upsert by external id, else email or phone)"));
        import.Subcommands.Add(TwitterImportCommand.Create(io));
        import.Subcommands.Add(OlistImportCommand.Create(io));
        return import;
    }

    private static Command Kind(CliIo io, string kind, string description)
    {
        var file = new Argument<FileInfo>("file") { Description = "The file to read (.csv, .jsonl)" };
        var format = new Option<string?>("--format") { Description = "csv or jsonl (default: from the file extension)" };
        format.AcceptOnlyFromAmong("csv", "jsonl", "ndjson");
        var allOrNothing = new Option<bool>("--all-or-nothing") { Description = "Validate the whole file first; store nothing if any row is bad" };
        var show = new Option<int>("--show-errors") { Description = "How many bad rows to list (human output)", DefaultValueFactory = _ => 20 };
        var command = new Command(kind, description) { file, format, allOrNothing, show };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new CliException($"file not found: {path.FullName}");
            var fmt = FileFormats.Parse(parse.GetValue(format)) ?? FileFormats.FromPath(path.FullName)
                ?? throw new CliException($"cannot tell the format of '{path.Name}' from its extension: add --format csv or --format jsonl");
            var options = new FileImportOptions { AllOrNothing = parse.GetValue(allOrNothing) };
            await using var host = await CliHost.StartAsync(parse, ct);
            var clock = Stopwatch.StartNew();
            var progress = new InlineProgress<ImportProgress>(p => io.Progress(
                $"{(p.Validating ? "validating" : "importing")} {path.Name}: {CliIo.N(p.Rows)} rows, {CliIo.N(p.Accepted)} stored, " +
                $"{CliIo.N(p.Rejected)} rejected, {CliIo.N((long)(p.Rows / Math.Max(clock.Elapsed.TotalSeconds, 0.001)))} rows/s"));
            var report = kind == "events"
                ? await host.Get<EventFileImport>().ImportFileAsync(path.FullName, fmt, options, progress, ct)
                : await host.Get<CustomerFileImport>().ImportFileAsync(path.FullName, fmt, options, progress, ct);
            io.EndProgress();
            await PrintAsync(io, parse, kind, path.Name, report, options.AllOrNothing, parse.GetValue(show), clock.Elapsed);
            return report.RejectedCount > 0 ? Cli.RowsRejected : Cli.Ok;
        }));
        return command;
    }

    private static async Task PrintAsync(CliIo io, ParseResult parse, string kind, string file, FileImportReport r, bool allOrNothing, int show, TimeSpan took)
    {
        var stored = !(allOrNothing && r.RejectedCount > 0);
        if (parse.GetValue(Cli.Json))
        {
            await io.WriteJsonAsync(new
            {
                file,
                kind,
                received = r.Received,
                accepted = r.Accepted,
                duplicates = r.Duplicates,
                created = kind == "customers" ? r.Created : (long?)null,
                updated = kind == "customers" ? r.Updated : (long?)null,
                rejectedCount = r.RejectedCount,
                stored,
                seconds = Math.Round(took.TotalSeconds, 3),
                rejected = r.Rejected.Select(x => new { line = x.Index, errors = x.Errors.Select(e => new { field = e.Field, message = e.Message }) }),
            });
            return;
        }
        var rate = CliIo.N((long)(r.Received / Math.Max(took.TotalSeconds, 0.001)));
        if (!stored)
            await io.Out.WriteLineAsync($"{file}: nothing stored (--all-or-nothing): {CliIo.N(r.RejectedCount)} of {CliIo.N(r.Received)} rows are bad.");
        else if (kind == "customers")
            await io.Out.WriteLineAsync($"{file}: {CliIo.N(r.Received)} rows; {CliIo.N(r.Created)} customers created, {CliIo.N(r.Updated)} updated, {CliIo.N(r.RejectedCount)} rejected ({took.TotalSeconds:F1} s).");
        else
            await io.Out.WriteLineAsync($"{file}: {CliIo.N(r.Received)} rows; {CliIo.N(r.Accepted)} stored, {CliIo.N(r.Duplicates)} duplicates, {CliIo.N(r.RejectedCount)} rejected ({took.TotalSeconds:F1} s, {rate} rows/s).");
        foreach (var row in r.Rejected.Take(show))
            await io.Out.WriteLineAsync($"line {row.Index}: " + string.Join("; ", row.Errors.Select(e => $"{e.Field} {e.Message}")));
        if (r.RejectedCount > Math.Min(show, r.Rejected.Count))
            await io.Out.WriteLineAsync($"... and {CliIo.N(r.RejectedCount - Math.Min(show, r.Rejected.Count))} more rejected rows (--show-errors N or --json for more).");
    }
}
