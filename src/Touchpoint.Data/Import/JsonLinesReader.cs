using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Import;

/// <summary>
/// Reads JSON lines: one JSON object per line, blank lines ignored. A line that is not valid JSON, or names a field
/// the record does not have, becomes a row error with its line number; reading goes on with the next line.
/// </summary>
public static class JsonLinesReader
{
    /// <summary>The API's conventions: camelCase names, unknown fields refused (a typo must not lose data).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 32,
    };

    public static IEnumerable<FileRow<T>> Read<T>(Stream stream) where T : class
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            yield return Parse<T>(line, text);
        }
    }

    internal static FileRow<T> Parse<T>(int line, string text) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Options) is { } value
                ? FileRow<T>.Good(line, value)
                : FileRow<T>.Bad(line, new FieldError("line", "is null, not a JSON object"));
        }
        catch (JsonException ex)
        {
            return FileRow<T>.Bad(line, Describe(ex));
        }
    }

    private static FieldError Describe(JsonException ex)
    {
        var field = ex.Path is { Length: > 2 } p ? p.TrimStart('$').TrimStart('.') : "line";
        if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
            return new FieldError(field, "is not a known field");
        if (ex.Message.Contains("could not be converted", StringComparison.Ordinal))
            return new FieldError(field, "has the wrong type");
        var at = ex.BytePositionInLine is { } pos ? $" (at character {pos + 1})" : "";
        return new FieldError("line", $"is not valid JSON{at}");
    }
}
