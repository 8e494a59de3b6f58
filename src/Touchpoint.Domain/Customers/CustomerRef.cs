namespace Touchpoint.Domain.Customers;

/// <summary>
/// How an incoming record (event, ticket, answer) names its customer. Exactly one handle is used, in the
/// order external id, email, phone, anonymous id: the first one present wins.
/// </summary>
public readonly record struct CustomerRef(IdentityKind Kind, string Value)
{
    public static CustomerRef? From(string? externalId, string? email, string? phone, string? anonymousId)
    {
        if (!string.IsNullOrWhiteSpace(externalId)) return new(IdentityKind.External, CustomerIdentity.Normalise(IdentityKind.External, externalId));
        if (!string.IsNullOrWhiteSpace(email)) return new(IdentityKind.Email, CustomerIdentity.Normalise(IdentityKind.Email, email));
        if (!string.IsNullOrWhiteSpace(phone)) return new(IdentityKind.Phone, CustomerIdentity.Normalise(IdentityKind.Phone, phone));
        if (!string.IsNullOrWhiteSpace(anonymousId)) return new(IdentityKind.Anonymous, anonymousId.Trim());
        return null;
    }

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Value}";
}
