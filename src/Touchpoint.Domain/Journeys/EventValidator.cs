using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Journeys;

/// <summary>
/// The one set of rules every intake path (API batch, CLI import, webhooks, snippet) applies to an event.
/// Rules: an id, a customer handle, a type and a time with an explicit UTC offset are required; the time may not
/// lie more than <see cref="MaxFutureSkew"/> ahead of now (clock skew allowance); properties must be a JSON object
/// of at most <see cref="MaxPropertiesBytes"/> bytes and <see cref="MaxPropertiesDepth"/> levels.
/// </summary>
public static partial class EventValidator
{
    public const int MaxIdLength = 200;
    public const int MaxTypeLength = 100;
    public const int MaxPropertiesBytes = 16 * 1024;
    public const int MaxPropertiesDepth = 5;
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromDays(1);

    [GeneratedRegex("^[a-z0-9][a-z0-9_.:-]*$")]
    private static partial Regex TypePattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    public static (ValidEvent? Event, IReadOnlyList<FieldError> Errors) Validate(EventInput input, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var id = input.Id?.Trim();
        if (string.IsNullOrEmpty(id)) errors.Add(new("id", "is required (a client event id makes retries safe)"));
        else if (id.Length > MaxIdLength) errors.Add(new("id", $"is longer than {MaxIdLength} characters"));

        var customer = CustomerRef.From(input.CustomerId, input.Email, input.Phone, input.AnonymousId);
        if (customer is null) errors.Add(new("customerId", "one of customerId, email, phone or anonymousId is required"));

        var type = input.Type?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(type)) errors.Add(new("type", "is required"));
        else if (type.Length > MaxTypeLength || !TypePattern().IsMatch(type))
            errors.Add(new("type", "must be lower-case letters, digits and . _ : - (at most 100 characters)"));

        var channel = string.IsNullOrWhiteSpace(input.Channel) ? "unknown" : input.Channel.Trim().ToLowerInvariant();
        if (channel.Length > 50) errors.Add(new("channel", "is longer than 50 characters"));

        DateTimeOffset? occurred = null;
        if (string.IsNullOrWhiteSpace(input.OccurredAt)) errors.Add(new("occurredAt", "is required"));
        else if (!TryParseWithOffset(input.OccurredAt, out var at, out var why)) errors.Add(new("occurredAt", why));
        else if (at > now + MaxFutureSkew) errors.Add(new("occurredAt", "lies more than a day in the future"));
        else if (at.Year < 1990) errors.Add(new("occurredAt", "lies before 1990"));
        else occurred = at;

        string? props = null;
        if (input.PropertiesText is { } raw)
        {
            if (raw.Depth > MaxPropertiesDepth) errors.Add(new("properties", $"is nested deeper than {MaxPropertiesDepth} levels"));
            else if (raw.Json.Length > MaxPropertiesBytes) errors.Add(new("properties", $"is larger than {MaxPropertiesBytes / 1024} KiB"));
            else props = raw.Json;
        }
        else if (input.Properties is { } p && p.ValueKind != JsonValueKind.Null && p.ValueKind != JsonValueKind.Undefined)
        {
            if (p.ValueKind != JsonValueKind.Object) errors.Add(new("properties", "must be a JSON object"));
            else if (Depth(p) > MaxPropertiesDepth) errors.Add(new("properties", $"is nested deeper than {MaxPropertiesDepth} levels"));
            else
            {
                props = p.GetRawText();
                if (props.Length > MaxPropertiesBytes) errors.Add(new("properties", $"is larger than {MaxPropertiesBytes / 1024} KiB"));
            }
        }

        string? currency = null;
        if (!string.IsNullOrWhiteSpace(input.Currency))
        {
            currency = input.Currency.Trim().ToUpperInvariant();
            if (!CurrencyPattern().IsMatch(currency)) errors.Add(new("currency", "must be a three-letter ISO 4217 code"));
        }
        if (input.Value is not null && currency is null) errors.Add(new("currency", "is required when value is given"));

        if (errors.Count > 0) return (null, errors);
        var o = occurred!.Value;
        return (new ValidEvent(id!, customer!.Value, type!, channel, o.UtcDateTime, (short)o.Offset.TotalMinutes, props, input.Value, currency), errors);
    }

    /// <summary>
    /// Parses ISO 8601 and insists on an explicit offset: a time without one is ambiguous (whose local time?),
    /// so it is refused rather than guessed.
    /// </summary>
    public static bool TryParseWithOffset(string text, out DateTimeOffset value, out string error)
    {
        value = default;
        var t = text.Trim();
        if (!DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            error = "is not an ISO 8601 date and time";
            return false;
        }
        if (!HasExplicitOffset(t))
        {
            error = "has no UTC offset (add Z or +hh:mm)";
            return false;
        }
        value = parsed;
        error = "";
        return true;
    }

    private static bool HasExplicitOffset(string t)
    {
        if (t.EndsWith('Z') || t.EndsWith('z')) return true;
        var timePart = t.IndexOf('T') is var i and >= 0 ? t[i..] : t.Length > 10 ? t[10..] : "";
        return timePart.Contains('+') || timePart.LastIndexOf('-') > 0;
    }

    private static int Depth(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => 1 + e.EnumerateObject().Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => 1 + e.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };
}
