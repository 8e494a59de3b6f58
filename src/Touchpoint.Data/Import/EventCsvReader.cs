using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Import;

/// <summary>
/// Reads events from CSV with a header row. Columns (any order, all optional except what validation requires):
/// id, customer_id, email, phone, anonymous_id, type, channel, occurred_at, value, currency, properties (a JSON
/// object as text). Fields may not contain line breaks, so one unbalanced quote spoils one line, not the rest of the file.
/// </summary>
public static class EventCsvReader
{
    public static readonly IReadOnlyList<string> Columns =
        ["id", "customer_id", "email", "phone", "anonymous_id", "type", "channel", "occurred_at", "value", "currency", "properties"];

    public static IEnumerable<FileRow<EventInput>> Read(Stream stream)
    {
        using var csv = CsvFiles.Open(stream, out var malformed);
        var at = CsvFiles.ColumnIndexes(csv, Columns, allowPrefix: null);
        int Col(string name) => at.TryGetValue(name, out var i) ? i : -1;
        int id = Col("id"), customer = Col("customer_id"), email = Col("email"), phone = Col("phone"), anon = Col("anonymous_id"),
            type = Col("type"), channel = Col("channel"), occurred = Col("occurred_at"), value = Col("value"),
            currency = Col("currency"), props = Col("properties");
        var width = csv.Headers.Count;
        while (CsvFiles.Next(csv))
        {
            var line = (int)csv.LineNumber;
            if (CsvFiles.Problem(csv, malformed, width) is { } problem)
            {
                yield return FileRow<EventInput>.Bad(line, problem);
                continue;
            }
            List<FieldError>? errors = null;
            decimal? amount = null;
            if (Text(csv, value) is { } v)
            {
                if (decimal.TryParse(v, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)) amount = d;
                else (errors ??= []).Add(new FieldError("value", "is not a number (use a dot for decimals)"));
            }
            JsonElement? properties = null;
            if (Text(csv, props) is { } json)
            {
                try
                {
                    properties = JsonElement.Parse(json);
                }
                catch (JsonException)
                {
                    (errors ??= []).Add(new FieldError("properties", "is not valid JSON"));
                }
            }
            if (errors is not null)
            {
                yield return FileRow<EventInput>.Bad(line, [.. errors]);
                continue;
            }
            yield return FileRow<EventInput>.Good(line, new EventInput
            {
                Id = Text(csv, id),
                CustomerId = Text(csv, customer),
                Email = Text(csv, email),
                Phone = Text(csv, phone),
                AnonymousId = Text(csv, anon),
                Type = Text(csv, type),
                Channel = Text(csv, channel),
                OccurredAt = Text(csv, occurred),
                Value = amount,
                Currency = Text(csv, currency),
                Properties = properties,
            });
        }
    }

    private static string? Text(CsvReader csv, int index) => CsvFiles.Text(csv, index);
}
