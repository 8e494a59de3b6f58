using Touchpoint.Domain.Customers;

namespace Touchpoint.Data.Ingestion;

/// <summary>
/// Customer resolution for bulk intake: the rule of <see cref="CustomerResolver"/> (a handle that names no customer
/// yet creates one, with its identity link), applied with one set-based lookup per batch and raw inserts for the new
/// customers instead of EF Core change tracking. Runs inside the caller's write transaction.
/// </summary>
public interface IBulkCustomerResolver
{
    Task<Dictionary<CustomerRef, long>> ResolveAsync(Store.TouchpointDb db, IReadOnlyCollection<CustomerRef> handles, DateTime nowUtc, CancellationToken ct);
}
