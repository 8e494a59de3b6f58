using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Touchpoint.Domain.Voice;

/// <summary>
/// Placeholders of outreach templates: <c>{{name}}</c>, <c>{{first_name}}</c>, <c>{{email}}</c>,
/// <c>{{unsubscribe_link}}</c> and <c>{{event.&lt;property&gt;}}</c> (a property of the touchpoint that triggered the
/// send; empty when sent by hand). Templates are plain text. A template naming any other placeholder is refused with
/// its name. Filled-in values are sanitised: control characters dropped, at most 200 characters, and no line breaks
/// in the subject, so a customer name or an event property can never add a mail header or forge a paragraph.
/// </summary>
public static partial class OutreachText
{
    public const int MaxSubject = 200;
    public const int MaxBody = 10000;
    public const int MaxValue = 200;
    public static readonly IReadOnlyList<string> Names = ["name", "first_name", "email", "unsubscribe_link"];

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.]+)\s*\}\}")]
    private static partial Regex Placeholder();

    /// <summary>Problems of a template as (field, message); empty when it can be saved.</summary>
    public static IReadOnlyList<(string Field, string Message)> Validate(string? name, string? subject, string? body)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(name)) errors.Add(("name", "is required"));
        else if (name.Length > 200) errors.Add(("name", "is longer than 200 characters"));
        if (string.IsNullOrWhiteSpace(subject)) errors.Add(("subject", "is required"));
        else if (subject.Length > MaxSubject) errors.Add(("subject", $"is longer than {MaxSubject} characters"));
        else if (subject.Any(char.IsControl)) errors.Add(("subject", "must be one line"));
        if (string.IsNullOrWhiteSpace(body)) errors.Add(("body", "is required"));
        else if (body.Length > MaxBody) errors.Add(("body", $"is longer than {MaxBody} characters"));
        foreach (var (field, text) in new[] { ("subject", subject), ("body", body) })
            foreach (Match m in Placeholder().Matches(text ?? ""))
            {
                var p = m.Groups[1].Value;
                if (!Names.Contains(p) && !(p.StartsWith("event.", StringComparison.Ordinal) && p.Length > 6))
                    errors.Add((field, $"has an unknown placeholder {{{{{p}}}}} (known: {string.Join(", ", Names.Select(n => "{{" + n + "}}"))}, {{{{event.<property>}}}})"));
            }
        return errors;
    }

    public sealed record Values(string Name, string? Email, string UnsubscribeLink, string? EventPropertiesJson);

    public static string Render(string template, Values v, bool oneLine)
    {
        // Values are always one line and capped: a value never adds a header or a paragraph of its own.
        var filled = Placeholder().Replace(template, m => Cap(Clean(Lookup(m.Groups[1].Value, v), true), MaxValue));
        return oneLine ? Cap(Clean(filled, true), MaxSubject + MaxValue) : filled;
    }

    private static string Lookup(string p, Values v) => p switch
    {
        "name" => v.Name,
        "first_name" => v.Name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "",
        "email" => v.Email ?? "",
        "unsubscribe_link" => v.UnsubscribeLink,
        _ when p.StartsWith("event.", StringComparison.Ordinal) => EventProperty(v.EventPropertiesJson, p[6..]),
        _ => "",
    };

    private static string EventProperty(string? json, string path)
    {
        if (string.IsNullOrEmpty(json)) return "";
        try
        {
            using var doc = JsonDocument.Parse(json);
            var node = doc.RootElement;
            foreach (var part in path.Split('.'))
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node)) return "";
            return node.ValueKind == JsonValueKind.String ? node.GetString() ?? "" : node.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? "" : node.GetRawText();
        }
        catch (JsonException) { return ""; }
    }

    private static string Cap(string s, int max) => s.Length > max ? s[..max] : s;

    /// <summary>Drops control characters; line breaks and tabs become spaces in one-line text.</summary>
    public static string Clean(string value, bool oneLine)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\t') { sb.Append(oneLine ? ' ' : c); continue; }
            if (!char.IsControl(c)) sb.Append(c);
        }
        return sb.ToString();
    }
}
