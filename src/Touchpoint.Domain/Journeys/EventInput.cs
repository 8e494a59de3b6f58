using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Journeys;

/// <summary>An event as a client sends it (API body, CSV row, JSON line), before it is validated.</summary>
public sealed record EventInput
{
    public string? Id { get; init; }
    public string? CustomerId { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? AnonymousId { get; init; }
    public string? Type { get; init; }
    public string? Channel { get; init; }

    /// <summary>ISO 8601 with an explicit offset ("2026-03-01T10:00:00+01:00" or "...Z").</summary>
    public string? OccurredAt { get; init; }

    public System.Text.Json.JsonElement? Properties { get; init; }

    /// <summary>
    /// The properties object as the client's own JSON text, set instead of <see cref="Properties"/> by the bulk
    /// readers, which skip building a document per event. Not part of the wire format.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public RawJsonObject? PropertiesText { get; init; }
    public decimal? Value { get; init; }
    public string? Currency { get; init; }
}

/// <summary>A JSON object kept as its source text, with its nesting depth (an object of scalars has depth 1).</summary>
public sealed record RawJsonObject(string Json, int Depth);

/// <summary>An event that passed validation, ready for the store.</summary>
public sealed record ValidEvent(
    string ClientEventId,
    CustomerRef Customer,
    string Type,
    string Channel,
    DateTime OccurredAtUtc,
    short OffsetMinutes,
    string? PropertiesJson,
    decimal? Value,
    string? Currency);

/// <summary>A field-level problem with one input record.</summary>
public sealed record FieldError(string Field, string Message);
