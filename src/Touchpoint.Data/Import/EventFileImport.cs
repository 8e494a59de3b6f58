using System.Threading.Channels;
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

    /// <summary>
    /// Pass two (or the only pass): a reader task parses and validates chunk n+1 while this one stores chunk n, so
    /// on a two-core machine parsing costs little wall time. At most two chunks wait in between, which bounds memory.
    /// </summary>
    private async Task<FileImportReport> StoreAsync(Func<Stream> open, FileFormat format, FileImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var rejected = new RejectionLog(options.MaxReportedRows);
        var prepared = Channel.CreateBounded<PreparedChunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        long rows = 0, accepted = 0, duplicates = 0;
        var reader = Task.Run(async () =>
        {
            try
            {
                var chunk = new List<EventInput>(ChunkSize);
                var lines = new List<int>(ChunkSize);
                var unreadable = new List<(int Line, IReadOnlyList<FieldError> Errors)>();
                await using var stream = open();
                foreach (var row in Rows(stream, format))
                {
                    Interlocked.Increment(ref rows);
                    if (row.Value is null) unreadable.Add((row.Line, row.Errors!));
                    else
                    {
                        lines.Add(row.Line);
                        chunk.Add(row.Value);
                    }
                    if (chunk.Count == ChunkSize)
                    {
                        await prepared.Writer.WriteAsync(new PreparedChunk(EventIngestion.Prepare(chunk, clock.GetUtcNow()), lines, unreadable), ct);
                        (chunk, lines, unreadable) = (new List<EventInput>(ChunkSize), new List<int>(ChunkSize), []);
                    }
                }
                await prepared.Writer.WriteAsync(new PreparedChunk(EventIngestion.Prepare(chunk, clock.GetUtcNow()), lines, unreadable), ct);
                prepared.Writer.Complete();
            }
            catch (Exception e)
            {
                prepared.Writer.Complete(e);
            }
        }, ct);

        await foreach (var c in prepared.Reader.ReadAllAsync(ct))
        {
            var bad = new List<(int Line, IReadOnlyList<FieldError> Errors)>(c.Unreadable);
            if (c.Batch.Valid.Count > 0 || c.Batch.Rejected.Count > 0)
            {
                var report = await ingestion.WriteAsync(c.Batch, options.Source, ct);
                accepted += report.Accepted;
                duplicates += report.Duplicates;
                // Index in the report is the position in the chunk; Lines turns it back into the file line.
                bad.AddRange(report.Rejected.Select(r => (c.Lines[r.Index], r.Errors)));
            }
            foreach (var (line, errors) in bad.OrderBy(b => b.Line)) rejected.Add(line, errors);
            progress?.Report(new ImportProgress(Interlocked.Read(ref rows), accepted, duplicates, rejected.Count, Validating: false));
        }
        await reader;
        return new FileImportReport(rows, accepted, duplicates, rejected.Count, rejected.Rows());
    }

    private sealed record PreparedChunk(PreparedBatch Batch, List<int> Lines, List<(int Line, IReadOnlyList<FieldError> Errors)> Unreadable);

    private static IEnumerable<FileRow<EventInput>> Rows(Stream stream, FileFormat format) =>
        format == FileFormat.Csv ? EventCsvReader.Read(stream) : EventJsonLines.Read(stream);
}
