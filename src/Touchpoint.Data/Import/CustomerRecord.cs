namespace Touchpoint.Data.Import;

/// <summary>A customer as a file gives it: one CSV row or one JSON line (camelCase names, as in the API).</summary>
public sealed record CustomerRecord
{
    public string? ExternalId { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Segment { get; init; }

    /// <summary>Attributes to set; an empty value removes the attribute, attributes not named are kept.</summary>
    public Dictionary<string, string?>? Attributes { get; init; }
}
