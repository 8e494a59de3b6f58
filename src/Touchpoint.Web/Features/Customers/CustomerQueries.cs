using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Customers;
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
    public static Task<string?> ConflictAsync(TouchpointDb db, Customer c, CancellationToken ct) => CustomerHandles.ConflictAsync(db, c, ct);

    /// <summary>Keeps the identity links in step with the customer's email, phone and external id.</summary>
    public static Task SyncIdentitiesAsync(TouchpointDb db, Customer c, DateTime nowUtc, CancellationToken ct) =>
        CustomerHandles.SyncIdentitiesAsync(db, c, nowUtc, ct);
}
