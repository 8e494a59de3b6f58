using System.Text.Json;

namespace Touchpoint.Domain.Voice;

/// <summary>
/// The property filter of a journey trigger: the event's property <c>name</c> (a dotted path into nested objects,
/// e.g. <c>order.country</c>) <c>equals</c> or <c>contains</c> a value. Both compare without regard to case; numbers
/// and booleans compare by their JSON text (<c>3</c>, <c>true</c>); <c>contains</c> on an array means "one element
/// equals". An event without the property, or without properties, is not in the audience.
/// </summary>
public static class TriggerAudience
{
    public const string EqualsOperator = "equals";
    public const string ContainsOperator = "contains";
    public static readonly IReadOnlyList<string> Operators = [EqualsOperator, ContainsOperator];

    public static bool PropertyMatches(string? propertiesJson, string name, string op, string value)
    {
        if (string.IsNullOrWhiteSpace(propertiesJson)) return false;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(propertiesJson); }
        catch (JsonException) { return false; }
        using (doc)
        {
            var node = doc.RootElement;
            foreach (var part in name.Split('.'))
            {
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node)) return false;
            }
            return op switch
            {
                EqualsOperator => string.Equals(Text(node), value, StringComparison.OrdinalIgnoreCase),
                ContainsOperator => node.ValueKind == JsonValueKind.Array
                    ? node.EnumerateArray().Any(e => string.Equals(Text(e), value, StringComparison.OrdinalIgnoreCase))
                    : Text(node)?.Contains(value, StringComparison.OrdinalIgnoreCase) == true,
                _ => false,
            };
        }
    }

    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => e.GetRawText(),
    };
}
