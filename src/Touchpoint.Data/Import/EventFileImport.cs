using Touchpoint.Data.Ingestion;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Import;

/// <summary>
/// Imports touchpoint events from a CSV or JSON lines file through the one intake path (<see cref="EventIngestion"/>),
/// streaming: the file is read in chunks of <see cref="ChunkSize"/> rows, so memory stays flat however large it is.
/// Rows that cannot be read or fail validation are reported with their file line number. By default the good rows
/// are stored; with <see cref="FileImportOptions.AllOrNothing"/> the whole file is validated first and nothing is
/// stored if any row is bad.
/// </summary>
public sealed class EventFileImport(EventIngestion ingestion, TimeProvider clock)
{
    public const int ChunkSize = EventIngestion.MaxBatch;

    /// <summary>Imports a file; the format comes from <paramref name="format"/> or else the file's extension.</summary>
    public Task<FileImportReport> ImportFileAsync(string path, FileFormat format, FileImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        ImportAsync(() => File.OpenRead(path), format, options, progress, ct);

    /// <param name="open">Opens the input; called twice with all-or-nothing (validate, then store).</param>
    public async Task<FileImportReport> ImportAsync(Func<Stream> open, FileFormat format, FileImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (options.AllOrNothing)
        {
            var check = Validate(open, format, options, progress, ct);
            if (check.RejectedCount > 0) return check;
        }
        return await StoreAsync(open, format, options, progress, ct);
    }

    /// <summary>Pass one of all-or-nothing: reads and validates every row, stores nothing.</summary>
    private FileImportReport Validate(Func<Stream> open, FileFormat format, FileImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rejected = new RejectionLog(options.MaxReportedRows);
        long rows = 0;
        using var stream = open();
        foreach (var row in Rows(stream, format))
        {
            rows++;
            if (row.Value is null) rejected.Add(row.Line, row.Errors!);
            else if (EventValidator.Validate(row.Value, now) is { Event: null, Errors: var errors }) rejected.Add(row.Line, errors);
            if (rows % ChunkSize == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress(rows, 0, 0, rejected.Count, Validating: true));
            }
        }
        return new FileImportReport(rows, 0, 0, rejected.Count, rejected.Rows());
    }

    private async Task<FileImportReport> StoreAsync(Func<Stream> open, FileFormat format, FileImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var rejected = new RejectionLog(options.MaxReportedRows);
        long rows = 0, accepted = 0, duplicates = 0;
        var chunk = new List<EventInput>(ChunkSize);
        var lines = new int[ChunkSize];
        await using var stream = open();
        async Task FlushAsync()
        {
            if (chunk.Count == 0) return;
            // Index in the report is the position in the chunk; lines[] turns it back into the file line.
            var report = await ingestion.IngestAsync(chunk, options.Source, allOrNothing: false, indexBase: 0, ct);
            accepted += report.Accepted;
            duplicates += report.Duplicates;
            foreach (var r in report.Rejected) rejected.Add(lines[r.Index], r.Errors);
            chunk.Clear();
            progress?.Report(new ImportProgress(rows, accepted, duplicates, rejected.Count, Validating: false));
        }
        foreach (var row in Rows(stream, format))
        {
            rows++;
            if (row.Value is null)
            {
                rejected.Add(row.Line, row.Errors!);
                continue;
            }
            lines[chunk.Count] = row.Line;
            chunk.Add(row.Value);
            if (chunk.Count == ChunkSize) await FlushAsync();
        }
        await FlushAsync();
        return new FileImportReport(rows, accepted, duplicates, rejected.Count, rejected.Rows());
    }

    private static IEnumerable<FileRow<EventInput>> Rows(Stream stream, FileFormat format) =>
        format == FileFormat.Csv ? EventCsvReader.Read(stream) : JsonLinesReader.Read<EventInput>(stream);
}
