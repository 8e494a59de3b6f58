using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Search;
using Touchpoint.Data.Store;
using Touchpoint.Web.Api;

namespace Touchpoint.Web.Features.Customers;

/// <summary>
/// One page of the customer list, newest first, cut by keyset exactly as GET /api/v1/customers cuts it, so the page
/// and the API show the same rows for the same filter.
/// </summary>
public static class CustomerListQuery
{
    public static async Task<CursorPage<CustomerSummary>> PageAsync(
        TouchpointDb db, ICustomerSearch search, string? q, string? segment, string? cursor, int limit, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var after)) after = null; // a stale cursor in a link starts from the top
        var rows = await CustomerQueries.Filter(db, search, q, segment)
            .Where(c => after == null || c.Id < after)
            .OrderByDescending(c => c.Id).Take(limit + 1)
            .ToListAsync(ct);
        return Cursor.Page(rows.Select(c => c.ToSummary()).ToList(), limit, c => c.Id);
    }

    public static Task<int> CountAsync(TouchpointDb db, ICustomerSearch search, string? q, string? segment, CancellationToken ct) =>
        CustomerQueries.Filter(db, search, q, segment).CountAsync(ct);
}
