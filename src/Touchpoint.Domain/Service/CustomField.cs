using System.Globalization;
using System.Text.Json;

namespace Touchpoint.Domain.Service;

public enum CustomFieldType { Text = 0, Number = 1, Date = 2, Choice = 3 }

/// <summary>
/// A ticket field an admin defines (order number, product, purchase date, warranty plan). Values are stored per
/// ticket as text in a canonical form: numbers with invariant digits, dates as yyyy-MM-dd, choices as one of the list.
/// </summary>
public sealed class CustomField
{
    public long Id { get; set; }

    /// <summary>The name used in the API, routing rules and macros: lower_snake_case, unique.</summary>
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public CustomFieldType Type { get; set; }

    /// <summary>The allowed values of a choice field, as a JSON array.</summary>
    public string ChoicesJson { get; set; } = "[]";
    public DateTime CreatedAtUtc { get; set; }

    public IReadOnlyList<string> Choices => JsonSerializer.Deserialize<string[]>(ChoicesJson) ?? [];
}

/// <summary>The value of one custom field on one ticket.</summary>
public sealed class TicketFieldValue
{
    public long TicketId { get; set; }
    public long FieldId { get; set; }
    public string Value { get; set; } = "";
}

/// <summary>Validation of field definitions and values, defined once for the API, the UI, bulk actions and rules.</summary>
public static class CustomFieldRules
{
    public const int MaxTextLength = 1000;

    public static string Wire(this CustomFieldType t) => t.ToString().ToLowerInvariant();

    public static bool TryParseType(string? text, out CustomFieldType type) =>
        Enum.TryParse(text, ignoreCase: true, out type) && Enum.IsDefined(type) && !char.IsDigit(text![0]);

    /// <summary>Problems of a definition, as (field, message) pairs naming the input field.</summary>
    public static IEnumerable<(string Field, string Message)> CheckDefinition(string? key, string? label, string? type, IReadOnlyList<string>? choices)
    {
        if (string.IsNullOrWhiteSpace(key)) yield return ("key", "is required");
        else if (key.Length > 50 || !char.IsAsciiLetterLower(key[0]) || !key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            yield return ("key", "must be lower_snake_case: a-z, 0-9 and '_', starting with a letter, at most 50 characters");
        if (string.IsNullOrWhiteSpace(label)) yield return ("label", "is required");
        else if (label.Length > 100) yield return ("label", "is longer than 100 characters");
        if (!TryParseType(type, out var t)) yield return ("type", "must be one of text, number, date, choice");
        else if (t == CustomFieldType.Choice && (choices is null || choices.Count == 0 || choices.Any(string.IsNullOrWhiteSpace)))
            yield return ("choices", "a choice field needs at least one non-empty choice");
        else if (t == CustomFieldType.Choice && choices!.Distinct(StringComparer.OrdinalIgnoreCase).Count() != choices!.Count)
            yield return ("choices", "choices must differ from each other");
    }

    /// <summary>The canonical stored form of a value, or null with the reason (which names no field: the caller does).</summary>
    public static string? Normalise(CustomField field, string raw, out string? problem)
    {
        problem = null;
        var v = raw.Trim();
        switch (field.Type)
        {
            case CustomFieldType.Text:
                if (v.Length > MaxTextLength) problem = $"is longer than {MaxTextLength} characters";
                return problem is null ? v : null;
            case CustomFieldType.Number:
                // No thousands separators: "12,5" typed with a decimal comma must be refused, not stored as 125.
                if (decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) return d.ToString(CultureInfo.InvariantCulture);
                problem = $"'{v}' is not a number (use digits and '.', e.g. 1250.50)";
                return null;
            case CustomFieldType.Date:
                if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                problem = $"'{v}' is not a date (yyyy-MM-dd)";
                return null;
            default:
                var match = field.Choices.FirstOrDefault(c => string.Equals(c, v, StringComparison.OrdinalIgnoreCase));
                if (match is null) problem = $"'{v}' is not one of {string.Join(", ", field.Choices)}";
                return match;
        }
    }
}
