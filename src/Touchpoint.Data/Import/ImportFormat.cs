namespace Touchpoint.Data.Import;

/// <summary>The file formats import and export speak.</summary>
public enum FileFormat { Csv, JsonLines }

public static class FileFormats
{
    /// <summary>Parses a --format value ("csv", "jsonl", "ndjson", "json").</summary>
    public static FileFormat? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "csv" => FileFormat.Csv,
        "jsonl" or "ndjson" or "json" or "jsonlines" => FileFormat.JsonLines,
        _ => null,
    };

    /// <summary>Guesses the format from a file name; null when the extension says nothing.</summary>
    public static FileFormat? FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => FileFormat.Csv,
        ".jsonl" or ".ndjson" or ".json" => FileFormat.JsonLines,
        _ => null,
    };
}
