using System.Text;
using System.Text.Json;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Ingestion;

/// <summary>
/// Reads events from UTF-8 JSON in one pass with <see cref="Utf8JsonReader"/>, keeping each properties object as its
/// source text (<see cref="EventInput.PropertiesText"/>) instead of building a document per event, which was most
/// of the time System.Text.Json spent on a batch (docs/benchmarks.md, "Event ingestion").
/// It reads only the plain, well-formed case and answers null for anything else (an unknown, duplicated or escaped
/// field name, a value of an unexpected kind, broken JSON): the caller then hands the same bytes to the serializer,
/// so every error is reported exactly as before, with its path.
/// </summary>
public static class EventJson
{
    /// <summary>Same limit as the API's serializer options, so nothing deeper passes here that would fail there.</summary>
    private static readonly JsonReaderOptions Reader = new() { MaxDepth = 32 };

    /// <summary>A batch body <c>{"events":[...]}</c>; null when the serializer must read it.</summary>
    public static List<EventInput>? TryReadBatch(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, Reader);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            List<EventInput>? events = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (events is not null || reader.ValueIsEscaped || !Ascii.EqualsIgnoreCase(reader.ValueSpan, "events"u8)) return null;
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return null;
                events = new List<EventInput>(Math.Min(EventIngestion.MaxBatch + 1, Math.Max(16, utf8.Length / 128)));
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (ReadEvent(ref reader, utf8) is not { } e) return null;
                    events.Add(e);
                }
            }
            // The root object must be closed and nothing may follow it.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return null;
            return events;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One event object (a JSON line); null when the serializer must read it.</summary>
    public static EventInput? TryReadEvent(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, Reader);
            if (!reader.Read()) return null;
            var e = ReadEvent(ref reader, utf8);
            return e is not null && !reader.Read() ? e : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static EventInput? ReadEvent(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        string? id = null, customerId = null, email = null, phone = null, anonymousId = null, type = null, channel = null, occurredAt = null, currency = null;
        decimal? value = null;
        RawJsonObject? properties = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped) return null;
            var field = Field(reader.ValueSpan);
            // Unknown and repeated fields go to the serializer, which refuses the first and decides the second.
            if (field < 0 || (seen & (1 << field)) != 0) return null;
            seen |= 1 << field;
            if (!reader.Read()) return null;
            switch (field)
            {
                case FieldValue:
                    if (reader.TokenType == JsonTokenType.Null) break;
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var v)) return null;
                    value = v;
                    break;
                case FieldProperties:
                    if (reader.TokenType == JsonTokenType.Null) break;
                    if (reader.TokenType != JsonTokenType.StartObject) return null;
                    properties = RawObject(ref reader, utf8);
                    break;
                default:
                    if (reader.TokenType == JsonTokenType.Null) break;
                    if (reader.TokenType != JsonTokenType.String) return null;
                    var text = reader.GetString();
                    switch (field)
                    {
                        case 0: id = text; break;
                        case 1: customerId = text; break;
                        case 2: email = text; break;
                        case 3: phone = text; break;
                        case 4: anonymousId = text; break;
                        case 5: type = text; break;
                        case 6: channel = text; break;
                        case 7: occurredAt = text; break;
                        case 10: currency = text; break;
                    }
                    break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) return null;
        return new EventInput
        {
            Id = id, CustomerId = customerId, Email = email, Phone = phone, AnonymousId = anonymousId, Type = type,
            Channel = channel, OccurredAt = occurredAt, PropertiesText = properties, Value = value, Currency = currency,
        };
    }

    private const int FieldProperties = 8;
    private const int FieldValue = 9;

    /// <summary>The field's number; names match case-insensitively, as the API's serializer options do.</summary>
    private static int Field(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when Ascii.EqualsIgnoreCase(name, "id"u8) => 0,
        10 when Ascii.EqualsIgnoreCase(name, "customerId"u8) => 1,
        5 when Ascii.EqualsIgnoreCase(name, "email"u8) => 2,
        5 when Ascii.EqualsIgnoreCase(name, "phone"u8) => 3,
        11 when Ascii.EqualsIgnoreCase(name, "anonymousId"u8) => 4,
        4 when Ascii.EqualsIgnoreCase(name, "type"u8) => 5,
        7 when Ascii.EqualsIgnoreCase(name, "channel"u8) => 6,
        10 when Ascii.EqualsIgnoreCase(name, "occurredAt"u8) => 7,
        10 when Ascii.EqualsIgnoreCase(name, "properties"u8) => FieldProperties,
        5 when Ascii.EqualsIgnoreCase(name, "value"u8) => FieldValue,
        8 when Ascii.EqualsIgnoreCase(name, "currency"u8) => 10,
        _ => -1,
    };

    /// <summary>
    /// Skips an object token by token, measuring its depth the way the validator counts it (an object or array
    /// adds a level), and returns its source text: the same string <see cref="JsonElement.GetRawText"/> gives.
    /// </summary>
    private static RawJsonObject RawObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        var start = (int)reader.TokenStartIndex;
        var baseDepth = reader.CurrentDepth;
        var deepest = baseDepth;
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth > deepest)
                deepest = reader.CurrentDepth;
            else if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == baseDepth)
                break;
        }
        var end = (int)reader.BytesConsumed;
        return new RawJsonObject(Encoding.UTF8.GetString(utf8[start..end]), deepest - baseDepth + 1);
    }
}
