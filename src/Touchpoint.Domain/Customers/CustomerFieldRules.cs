using System.Net.Mail;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Domain.Customers;

/// <summary>The rules a customer record must meet, whether it arrives by the API or a CLI import.</summary>
public static class CustomerFieldRules
{
    public const int MaxAttributes = 50;

    public static List<FieldError> Check(string? name, string? externalId, string? email, string? phone, string? segment, int attributeCount)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(name)) errors.Add(new("name", "is required"));
        else if (name.Length > 300) errors.Add(new("name", "is longer than 300 characters"));
        if (externalId is { Length: > 200 }) errors.Add(new("externalId", "is longer than 200 characters"));
        if (!string.IsNullOrWhiteSpace(email) && !MailAddress.TryCreate(email.Trim(), out _))
            errors.Add(new("email", "is not an email address"));
        if (phone is { } p && CustomerIdentity.Normalise(IdentityKind.Phone, p).Length is < 5 and > 0)
            errors.Add(new("phone", "is too short to be a phone number"));
        if (segment is { Length: > 50 }) errors.Add(new("segment", "is longer than 50 characters"));
        if (attributeCount > MaxAttributes) errors.Add(new("attributes", $"has more than {MaxAttributes} entries"));
        return errors;
    }
}
