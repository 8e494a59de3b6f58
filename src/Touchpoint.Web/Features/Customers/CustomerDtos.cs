using System.Text.Json;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Web.Features.Customers;

public sealed record CustomerSummary(long Id, string? ExternalId, string Name, string? Email, string Segment, DateTime CreatedAt);

public sealed record IdentityDto(string Kind, string Value);

public sealed record CustomerDetail(long Id, string? ExternalId, string Name, string? Email, string? Phone, string Segment,
    IReadOnlyDictionary<string, string> Attributes, DateTime CreatedAt, long? MergedIntoId, IReadOnlyList<IdentityDto> Identities);

/// <summary>Body of POST /api/v1/customers and PUT /api/v1/customers/{id}.</summary>
public sealed record CustomerInput
{
    public string? ExternalId { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Segment { get; init; }
    public Dictionary<string, string>? Attributes { get; init; }
}

public static class CustomerMapping
{
    public static CustomerSummary ToSummary(this Customer c) => new(c.Id, c.ExternalId, c.Name, c.Email, c.Segment, c.CreatedAtUtc);

    public static IReadOnlyDictionary<string, string> Attributes(this Customer c) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(c.AttributesJson) ?? [];
}
