using System.Text.Json;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Import;

/// <summary>
/// Reads customers from CSV with a header row: external_id, name, email, phone, segment, optionally attributes
/// (a JSON object of strings, as export writes it) and any number of attr_NAME columns, each one attribute.
/// </summary>
public static class CustomerCsvReader
{
    public const string AttributePrefix = "attr_";
    public static readonly IReadOnlyList<string> Columns = ["external_id", "name", "email", "phone", "segment", "attributes"];

    public static IEnumerable<FileRow<CustomerRecord>> Read(Stream stream)
    {
        using var csv = CsvFiles.Open(stream, out var malformed);
        var at = CsvFiles.ColumnIndexes(csv, Columns, AttributePrefix);
        int Col(string name) => at.TryGetValue(name, out var i) ? i : -1;
        int external = Col("external_id"), name = Col("name"), email = Col("email"), phone = Col("phone"), segment = Col("segment"), json = Col("attributes");
        var attrColumns = at.Where(kv => kv.Key.StartsWith(AttributePrefix, StringComparison.Ordinal))
            .Select(kv => (Name: kv.Key[AttributePrefix.Length..], Index: kv.Value)).ToArray();
        var width = csv.Headers.Count;
        while (CsvFiles.Next(csv))
        {
            var line = (int)csv.LineNumber;
            if (CsvFiles.Problem(csv, malformed, width) is { } problem)
            {
                yield return FileRow<CustomerRecord>.Bad(line, problem);
                continue;
            }
            Dictionary<string, string?>? attributes = null;
            if (CsvFiles.Text(csv, json) is { } text && !TryAttributes(text, out attributes))
            {
                yield return FileRow<CustomerRecord>.Bad(line, new FieldError("attributes", "is not a JSON object of text values"));
                continue;
            }
            foreach (var (attr, index) in attrColumns) (attributes ??= [])[attr] = CsvFiles.Text(csv, index);
            yield return FileRow<CustomerRecord>.Good(line, new CustomerRecord
            {
                ExternalId = CsvFiles.Text(csv, external),
                Name = CsvFiles.Text(csv, name),
                Email = CsvFiles.Text(csv, email),
                Phone = CsvFiles.Text(csv, phone),
                Segment = CsvFiles.Text(csv, segment),
                Attributes = attributes,
            });
        }
    }

    private static bool TryAttributes(string text, out Dictionary<string, string?>? attributes)
    {
        try
        {
            attributes = JsonSerializer.Deserialize<Dictionary<string, string?>>(text);
            return true;
        }
        catch (JsonException)
        {
            attributes = null;
            return false;
        }
    }
}
