using System.Net.Mail;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Web.Features.Customers;

/// <summary>Checks a customer body; the same rules apply to the API and the CLI import.</summary>
public static class CustomerRules
{
    public static List<(string Field, string Message)> Check(CustomerInput input)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add(("name", "is required"));
        else if (input.Name.Length > 300) errors.Add(("name", "is longer than 300 characters"));
        if (input.ExternalId is { Length: > 200 }) errors.Add(("externalId", "is longer than 200 characters"));
        if (!string.IsNullOrWhiteSpace(input.Email) && !MailAddress.TryCreate(input.Email.Trim(), out _))
            errors.Add(("email", "is not an email address"));
        if (input.Phone is { } p && CustomerIdentity.Normalise(IdentityKind.Phone, p).Length is < 5 and > 0)
            errors.Add(("phone", "is too short to be a phone number"));
        if (input.Segment is { Length: > 50 }) errors.Add(("segment", "is longer than 50 characters"));
        if (input.Attributes is { Count: > 50 }) errors.Add(("attributes", "has more than 50 entries"));
        return errors;
    }
}
