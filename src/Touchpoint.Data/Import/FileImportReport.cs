using Touchpoint.Data.Ingestion;

namespace Touchpoint.Data.Import;

/// <summary>
/// What a file import did. <see cref="Rejected"/> lists the bad rows by file line number, in line order, up to
/// <see cref="FileImportOptions.MaxReportedRows"/>; <see cref="RejectedCount"/> counts them all.
/// With all-or-nothing and any bad row, <see cref="Accepted"/> is 0 and nothing was stored.
/// </summary>
public sealed record FileImportReport(long Received, long Accepted, long Duplicates, long RejectedCount, IReadOnlyList<RejectedRow> Rejected)
{
    /// <summary>Customers only: how many of the accepted rows made a new customer, and how many updated one.</summary>
    public long Created { get; init; }
    public long Updated { get; init; }
}

/// <summary>Progress of a long import, reported after every chunk.</summary>
public readonly record struct ImportProgress(long Rows, long Accepted, long Duplicates, long Rejected, bool Validating);

public sealed record FileImportOptions
{
    /// <summary>When true, one bad row means nothing from the file is stored.</summary>
    public bool AllOrNothing { get; init; }

    /// <summary>The Source recorded on imported events.</summary>
    public string Source { get; init; } = "cli";

    /// <summary>How many bad rows are kept in the report with their errors (the rest are only counted).</summary>
    public int MaxReportedRows { get; init; } = 1000;
}

/// <summary>Collects rejected rows in line order, keeping the first few in detail.</summary>
internal sealed class RejectionLog(int keep)
{
    private readonly List<RejectedRow> _rows = [];
    public long Count { get; private set; }

    public void Add(int line, IReadOnlyList<Domain.Journeys.FieldError> errors)
    {
        Count++;
        if (_rows.Count < keep) _rows.Add(new RejectedRow(line, errors));
    }

    public IReadOnlyList<RejectedRow> Rows() => _rows.OrderBy(r => r.Index).ToList();
}
