using System.CommandLine;
using Touchpoint.Data.Export;
using Touchpoint.Data.Import;
using Touchpoint.Data.Store;

namespace Touchpoint.Cli.Commands;

/// <summary>`touchpoint export events|customers`: the whole store in the import formats, streamed.</summary>
internal static class ExportCommand
{
    public static Command Create(CliIo io)
    {
        var export = new Command("export", "Export events or customers as CSV or JSON lines (re-importable)");
        export.Subcommands.Add(Kind(io, "events"));
        export.Subcommands.Add(Kind(io, "customers"));
        return export;
    }

    private static Command Kind(CliIo io, string kind)
    {
        var format = new Option<string?>("--format") { Description = "csv or jsonl (default: from --out's extension, else csv)" };
        format.AcceptOnlyFromAmong("csv", "jsonl", "ndjson");
        var output = new Option<FileInfo?>("--out") { Description = "File to write (default: standard output)" };
        var command = new Command(kind, $"Export all {kind}") { format, output };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            var file = parse.GetValue(output);
            var fmt = FileFormats.Parse(parse.GetValue(format)) ?? (file is null ? null : FileFormats.FromPath(file.FullName)) ?? FileFormat.Csv;
            await using var host = await CliHost.StartAsync(parse, ct);
            var db = host.Get<TouchpointDb>();
            long written;
            var progress = file is null ? null : new InlineProgress<long>(n => io.Progress($"exporting {kind}: {CliIo.N(n)}"));
            await using (var stream = file is null ? (Stream)new TextWriterStream(io.Out) : new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
            await using (var buffered = new BufferedStream(stream, 1 << 16))
            {
                written = kind == "events"
                    ? await EventExport.WriteAsync(db, buffered, fmt, progress, ct)
                    : await CustomerExport.WriteAsync(db, buffered, fmt, progress, ct);
            }
            io.EndProgress();
            if (file is null) return Cli.Ok; // standard output holds the data; say nothing more there
            if (parse.GetValue(Cli.Json)) await io.WriteJsonAsync(new { kind, file = file.FullName, format = fmt == FileFormat.Csv ? "csv" : "jsonl", written });
            else await io.Out.WriteLineAsync($"Exported {CliIo.N(written)} {kind} to {file.FullName}.");
            return Cli.Ok;
        }));
        return command;
    }
}
