using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Data.Ingestion;

/// <summary>
/// Turns customer handles into customer ids. The documented rule (docs/api.md, "Unknown customers"): a handle
/// that names no customer yet creates one, so events from any system are never lost for want of a profile.
/// An anonymous id creates an anonymous profile that merges into the known customer on identify.
/// </summary>
public static class CustomerResolver
{
    public static async Task<Dictionary<CustomerRef, long>> ResolveAsync(TouchpointDb db, IEnumerable<CustomerRef> refs, DateTime nowUtc, CancellationToken ct)
    {
        var wanted = refs.Distinct().ToList();
        var found = new Dictionary<CustomerRef, long>();
        foreach (var group in wanted.GroupBy(r => r.Kind))
        {
            var kind = group.Key;
            foreach (var chunk in group.Select(r => r.Value).Chunk(500))
            {
                var rows = await db.CustomerIdentities.AsNoTracking()
                    .Where(i => i.Kind == kind && chunk.Contains(i.Value))
                    .Select(i => new { i.Value, i.CustomerId })
                    .ToListAsync(ct);
                foreach (var r in rows) found[new CustomerRef(kind, r.Value)] = r.CustomerId;
            }
        }
        var missing = wanted.Where(r => !found.ContainsKey(r)).ToList();
        if (missing.Count == 0) return found;

        var created = missing.Select(r => (Ref: r, Customer: NewCustomer(r, nowUtc))).ToList();
        db.Customers.AddRange(created.Select(c => c.Customer));
        await db.SaveChangesAsync(ct);
        db.CustomerIdentities.AddRange(created.Select(c => new CustomerIdentity
        {
            CustomerId = c.Customer.Id,
            Kind = c.Ref.Kind,
            Value = c.Ref.Value,
            CreatedAtUtc = nowUtc,
        }));
        await db.SaveChangesAsync(ct);
        foreach (var (r, c) in created) found[r] = c.Id;
        db.ChangeTracker.Clear();
        return found;
    }

    /// <summary>The profile a new handle creates; the bulk resolvers write the same fields.</summary>
    internal static Customer NewCustomer(CustomerRef r, DateTime nowUtc) => new()
    {
        ExternalId = r.Kind == IdentityKind.External ? r.Value : null,
        Email = r.Kind == IdentityKind.Email ? r.Value : null,
        Phone = r.Kind == IdentityKind.Phone ? r.Value : null,
        Name = r.Kind == IdentityKind.Anonymous ? "Anonymous visitor" : r.Value,
        Segment = r.Kind == IdentityKind.Anonymous ? "anonymous" : "",
        CreatedAtUtc = nowUtc,
    };
}
