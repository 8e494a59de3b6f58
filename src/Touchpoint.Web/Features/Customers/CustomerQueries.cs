using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Search;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Web.Features.Customers;

/// <summary>Customer reads shared by the API and the pages.</summary>
public static class CustomerQueries
{
    public static IQueryable<Customer> Filter(TouchpointDb db, ICustomerSearch search, string? q, string? segment)
    {
        var query = db.Customers.AsNoTracking().Where(c => c.MergedIntoId == null);
        // Segments are stored trimmed and lower-case (CustomersApi.Apply), so the filter is normalised the same way.
        if (!string.IsNullOrWhiteSpace(segment))
        {
            var wanted = segment.Trim().ToLowerInvariant();
            query = query.Where(c => c.Segment == wanted);
        }
        if (!string.IsNullOrWhiteSpace(q) && SearchTerms.Words(q).Count > 0)
        {
            var ids = search.Matching(db, q);
            query = query.Where(c => ids.Contains(c.Id));
        }
        return query;
    }

    public static async Task<CustomerDetail?> DetailAsync(TouchpointDb db, long id, CancellationToken ct)
    {
        var c = await db.Customers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var ids = await db.CustomerIdentities.AsNoTracking().Where(i => i.CustomerId == id).OrderBy(i => i.Kind).ThenBy(i => i.Value)
            .Select(i => new IdentityDto(i.Kind.ToString().ToLowerInvariant(), i.Value)).ToListAsync(ct);
        return new CustomerDetail(c.Id, c.ExternalId, c.Name, c.Email, c.Phone, c.Segment, c.Attributes(), c.CreatedAtUtc, c.MergedIntoId, ids);
    }

    public static async Task<IReadOnlyList<string>> SegmentsAsync(TouchpointDb db, CancellationToken ct) =>
        await db.Customers.AsNoTracking().Where(c => c.Segment != "").Select(c => c.Segment).Distinct().OrderBy(s => s).ToListAsync(ct);

    /// <summary>A handle (external id, email, phone) may name only one customer; returns why not, or null.</summary>
    public static async Task<string?> ConflictAsync(TouchpointDb db, Customer c, CancellationToken ct)
    {
        foreach (var (kind, value) in Handles(c))
        {
            var owner = await db.CustomerIdentities.AsNoTracking()
                .Where(i => i.Kind == kind && i.Value == value).Select(i => (long?)i.CustomerId).FirstOrDefaultAsync(ct);
            if (owner is not null && owner != c.Id)
                return $"The {kind.ToString().ToLowerInvariant()} '{value}' already belongs to customer {owner}.";
        }
        return null;
    }

    /// <summary>Keeps the identity links in step with the customer's email, phone and external id.</summary>
    public static async Task SyncIdentitiesAsync(TouchpointDb db, Customer c, DateTime nowUtc, CancellationToken ct)
    {
        var existing = await db.CustomerIdentities.Where(i => i.CustomerId == c.Id && i.Kind != IdentityKind.Anonymous).ToListAsync(ct);
        foreach (var (kind, value) in Handles(c))
            if (!existing.Any(i => i.Kind == kind && i.Value == value))
                db.CustomerIdentities.Add(new CustomerIdentity { CustomerId = c.Id, Kind = kind, Value = value, CreatedAtUtc = nowUtc });
        await db.SaveChangesAsync(ct);
    }

    private static IEnumerable<(IdentityKind, string)> Handles(Customer c)
    {
        if (c.ExternalId is { } x) yield return (IdentityKind.External, CustomerIdentity.Normalise(IdentityKind.External, x));
        if (c.Email is { } e) yield return (IdentityKind.Email, CustomerIdentity.Normalise(IdentityKind.Email, e));
        if (c.Phone is { } p && CustomerIdentity.Normalise(IdentityKind.Phone, p) is { Length: > 0 } np) yield return (IdentityKind.Phone, np);
    }
}
