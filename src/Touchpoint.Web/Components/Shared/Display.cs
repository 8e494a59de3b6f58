using System.Globalization;
using System.Text.Json;
using MudBlazor;

namespace Touchpoint.Web.Components.Shared;

/// <summary>
/// How the pages write times, money and event properties. Invariant culture, so every person and every test sees
/// the same text; local times keep the offset the customer lived them in.
/// </summary>
public static class Display
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>"12 Mar 2026 14:05 (UTC+01:00)": the clock on the customer's wall when it happened.</summary>
    public static string Local(DateTimeOffset at) =>
        at.ToString("d MMM yyyy HH:mm", Inv) + " (UTC" + (at.Offset < TimeSpan.Zero ? "-" : "+") + at.Offset.ToString(@"hh\:mm", Inv) + ")";

    public static string Utc(DateTime atUtc) => atUtc.ToString("d MMM yyyy HH:mm", Inv) + " UTC";

    public static string Utc(DateTime? atUtc) => atUtc is { } a ? Utc(a) : "–";

    /// <summary>"just now", "3 min ago", "2 h ago": how fresh a cached result is.</summary>
    public static string Ago(DateTime atUtc, DateTime nowUtc)
    {
        var age = nowUtc - atUtc;
        return age.TotalMinutes < 1 ? "just now" : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min ago" : $"{(int)age.TotalHours} h ago";
    }

    public static string Date(DateTime atUtc) => atUtc.ToString("d MMM yyyy", Inv);

    public static string Count(int n) => n.ToString("N0", Inv);

    public static string Count(long n) => n.ToString("N0", Inv);

    public static string Money(decimal amount, string? currency) =>
        amount.ToString("N2", Inv) + (string.IsNullOrEmpty(currency) ? "" : " " + currency);

    /// <summary>"on_hold" → "on hold": wire names made readable.</summary>
    public static string Words(string wire) => wire.Replace('_', ' ');

    /// <summary>
    /// The properties of an event as "key: value" pairs in their stored order. Nested objects and arrays stay as
    /// compact JSON; text that is not a JSON object is shown as it is rather than hidden.
    /// </summary>
    public static IReadOnlyList<(string Key, string Value)> Properties(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [("value", json)];
            return doc.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind != JsonValueKind.Null)
                .Select(p => (Words(p.Name), p.Value.ValueKind == JsonValueKind.String ? Text(p.Value.GetString() ?? "") : p.Value.GetRawText()))
                .ToList();
        }
        catch (JsonException)
        {
            return [("value", json)];
        }
    }

    /// <summary>ISO timestamps in properties (a promised delivery time) read like the other times on the page.</summary>
    private static string Text(string value) =>
        value.Length >= 20 && value[4] == '-' && value[10] == 'T'
            && DateTimeOffset.TryParse(value, Inv, DateTimeStyles.RoundtripKind, out var at) ? Local(at) : value;

    /// <summary>Whole units for headline figures, where cents only add width.</summary>
    public static string MoneyRounded(decimal amount, string? currency) =>
        amount.ToString("N0", Inv) + (string.IsNullOrEmpty(currency) ? "" : " " + currency);

    /// <summary>An icon for a touchpoint type, by its family (the part before the dot).</summary>
    public static string Icon(string type) => type switch
    {
        "ticket.created" => Icons.Material.Filled.ConfirmationNumber,
        "ticket.message" => Icons.Material.Filled.Forum,
        "ticket.solved" => Icons.Material.Filled.TaskAlt,
        "survey.answered" => Icons.Material.Filled.RateReview,
        "order.delivered" => Icons.Material.Filled.Inventory,
        "order.shipped" => Icons.Material.Filled.LocalShipping,
        "payment.succeeded" => Icons.Material.Filled.Payments,
        _ => type.Split('.')[0] switch
        {
            "order" => Icons.Material.Filled.ShoppingBag,
            "cart" => Icons.Material.Filled.ShoppingCart,
            "payment" => Icons.Material.Filled.Payments,
            "account" => Icons.Material.Filled.AccountCircle,
            "site" or "page" => Icons.Material.Filled.Language,
            "ad" => Icons.Material.Filled.Campaign,
            "referral" => Icons.Material.Filled.Share,
            "newsletter" or "email" => Icons.Material.Filled.Email,
            _ => Icons.Material.Filled.Circle,
        },
    };

    public static Color StatusColor(string status) => status switch
    {
        "new" => Color.Info,
        "open" => Color.Warning,
        "pending" or "on_hold" => Color.Secondary,
        "solved" or "closed" => Color.Success,
        _ => Color.Default,
    };
}
