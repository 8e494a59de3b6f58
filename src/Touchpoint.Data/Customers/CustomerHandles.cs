using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Data.Customers;

/// <summary>
/// The rule that keeps identities in step with customers: a customer's external id, email and phone are each a
/// handle (normalised) that names that customer and no other. Links are added when a field gets a new value and
/// kept when it changes, so events sent under an old address still find the customer.
/// </summary>
public static class CustomerHandles
{
    public static IEnumerable<(IdentityKind Kind, string Value)> Of(Customer c)
    {
        if (c.ExternalId is { } x) yield return (IdentityKind.External, CustomerIdentity.Normalise(IdentityKind.External, x));
        if (c.Email is { } e) yield return (IdentityKind.Email, CustomerIdentity.Normalise(IdentityKind.Email, e));
        if (c.Phone is { } p && CustomerIdentity.Normalise(IdentityKind.Phone, p) is { Length: > 0 } np) yield return (IdentityKind.Phone, np);
    }

    /// <summary>A handle may name only one customer; returns why not, or null.</summary>
    public static async Task<string?> ConflictAsync(TouchpointDb db, Customer c, CancellationToken ct)
    {
        foreach (var (kind, value) in Of(c))
        {
            var owner = await db.CustomerIdentities.AsNoTracking()
                .Where(i => i.Kind == kind && i.Value == value).Select(i => (long?)i.CustomerId).FirstOrDefaultAsync(ct);
            if (owner is not null && owner != c.Id) return Taken(kind, value, owner.Value);
        }
        return null;
    }

    public static string Taken(IdentityKind kind, string value, long owner) =>
        $"The {kind.ToString().ToLowerInvariant()} '{value}' already belongs to customer {owner}.";

    /// <summary>Adds the identity links the customer's fields call for and it does not have yet.</summary>
    public static async Task SyncIdentitiesAsync(TouchpointDb db, Customer c, DateTime nowUtc, CancellationToken ct)
    {
        var existing = await db.CustomerIdentities.Where(i => i.CustomerId == c.Id && i.Kind != IdentityKind.Anonymous).ToListAsync(ct);
        foreach (var (kind, value) in Of(c))
            if (!existing.Any(i => i.Kind == kind && i.Value == value))
                db.CustomerIdentities.Add(new CustomerIdentity { CustomerId = c.Id, Kind = kind, Value = value, CreatedAtUtc = nowUtc });
        await db.SaveChangesAsync(ct);
    }
}
