namespace Touchpoint.Domain.Customers;

/// <summary>A person or organisation the company serves; every touchpoint hangs off one customer.</summary>
public sealed class Customer
{
    public long Id { get; set; }

    /// <summary>The id the company's own systems use (shop, billing, CRM). Unique when present.</summary>
    public string? ExternalId { get; set; }

    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }

    /// <summary>Free-form segment such as "consumer", "smb", "enterprise"; filters and breakdowns use it.</summary>
    public string Segment { get; set; } = "";

    /// <summary>Free attributes as a JSON object of string values (plan, city, language, ...).</summary>
    public string AttributesJson { get; set; } = "{}";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Set when an anonymous or duplicate profile was merged into another customer.</summary>
    public long? MergedIntoId { get; set; }
}
