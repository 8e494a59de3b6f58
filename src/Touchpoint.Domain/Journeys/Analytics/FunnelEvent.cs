using System.Text.Json;

namespace Touchpoint.Domain.Journeys.Analytics;

/// <summary>
/// An event as funnels see it. Properties are flattened to text (top level only), the way an analytic engine's
/// JSON extraction returns them, so a filter means the same in the reference and in SQL.
/// </summary>
public sealed record FunnelEvent(long Id, string Type, string Channel, DateTime AtUtc, IReadOnlyDictionary<string, string>? Properties = null)
{
    public static IReadOnlyDictionary<string, string>? ParseProperties(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
            d[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Null => "",
                _ => p.Value.GetRawText(),
            };
        return d;
    }
}

/// <summary>One customer's events, in any order; the calculator sorts them by time, then id.</summary>
public sealed record CustomerEvents(long CustomerId, string Segment, IReadOnlyList<FunnelEvent> Events);
