using CsvHelper;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Import;

/// <summary>The CSV dialect of imports (comma separated, header row, RFC 4180 quotes, no line breaks inside fields).</summary>
internal static class CsvFiles
{
    public static CsvReader Open(Stream stream, out Dictionary<long, CsvMalformedReason> malformed)
    {
        var bad = new Dictionary<long, CsvMalformedReason>();
        malformed = bad;
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = false,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            // Recorded by line and turned into a row error when that record is read: a bad row never stops the file.
            OnMalformedRecord = r => bad.TryAdd(r.LineNumber, r.Reason),
            PoolStrings = true,
        };
        return CsvReader.Create(stream, options, leaveOpen: true);
    }

    /// <summary>Maps header names to column indexes; a column that is not known stops the import before it starts.</summary>
    public static Dictionary<string, int> ColumnIndexes(CsvReader csv, IReadOnlyList<string> known, string? allowPrefix)
    {
        IReadOnlyList<string> headers;
        try
        {
            headers = csv.Headers;
        }
        catch (CsvFormatException ex)
        {
            throw new ImportFileException($"The header row cannot be read: {ex.Message}");
        }
        if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace)) throw new ImportFileException("The file is empty or has no header row.");
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Trim().ToLowerInvariant();
            var ok = known.Contains(name) || (allowPrefix is not null && name.StartsWith(allowPrefix, StringComparison.Ordinal) && name.Length > allowPrefix.Length);
            if (!ok) throw new ImportFileException($"Unknown column '{headers[i]}' in the header. Known columns: {string.Join(", ", known)}{(allowPrefix is null ? "" : $", {allowPrefix}*")}.");
            if (!at.TryAdd(name, i)) throw new ImportFileException($"The column '{name}' appears twice in the header.");
        }
        return at;
    }

    public static bool Next(CsvReader csv)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvFormatException ex)
        {
            throw new ImportFileException($"line {ex.LineNumber}: the file cannot be read as CSV ({ex.Message})");
        }
    }

    /// <summary>Why the current record cannot be used (bad quoting, wrong number of fields), or null.</summary>
    public static FieldError? Problem(CsvReader csv, Dictionary<long, CsvMalformedReason> malformed, int width)
    {
        if (malformed.Count > 0 && malformed.Remove(csv.LineNumber, out var reason))
            return new FieldError("line", reason switch
            {
                CsvMalformedReason.StrayQuote => "has a quote inside an unquoted field (quote the whole field and double inner quotes)",
                CsvMalformedReason.TextAfterClosingQuote => "has text after the closing quote of a field",
                CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.LineBreakInQuotes => "has a quoted field that is not closed on the same line",
                _ => "is not well-formed CSV",
            });
        if (csv.FieldCount != width) return new FieldError("line", $"has {csv.FieldCount} fields; the header has {width}");
        return null;
    }

    /// <summary>A field's text, trimmed; null when the column is absent or the field is empty.</summary>
    public static string? Text(CsvReader csv, int index)
    {
        if (index < 0) return null;
        var s = csv.GetString(index);
        return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
