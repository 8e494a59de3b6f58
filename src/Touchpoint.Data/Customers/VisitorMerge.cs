using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Data.Customers;

/// <summary>What identify did: the customer the visitor is now, and how many earlier events moved onto them.</summary>
public sealed record IdentifyOutcome(long CustomerId, string Outcome, long? MergedCustomerId, int EventsMoved);

/// <summary>
/// "This anonymous visitor is that customer" (the web snippet's identify). The visitor's anonymous profile is merged
/// into the customer: everything hanging off it moves over and it is marked merged (<see cref="CustomerMerge"/>), so nothing sent before the visitor
/// was known is lost and the customer has one timeline. A visitor id that already names a known customer (a shared
/// computer) is not merged (two real people must not become one); from now on it names the new customer instead.
/// </summary>
public static class VisitorMerge
{
    public const string Linked = "linked", Merged = "merged", Already = "already", Relinked = "relinked";

    public static async Task<IdentifyOutcome> IdentifyAsync(TouchpointDb db, string anonymousId, CustomerRef customer, string? name, DateTime nowUtc, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var target = (await CustomerResolver.ResolveAsync(db, [customer], nowUtc, ct))[customer];
        if (name is { Length: > 0 })
        {
            // A profile made from a bare handle carries the handle as its name; a real name replaces only that.
            var c = await db.Customers.FirstAsync(x => x.Id == target, ct);
            if (c.Name == customer.Value) { c.Name = name.Trim(); await db.SaveChangesAsync(ct); }
        }
        var visitor = await db.CustomerIdentities.FirstOrDefaultAsync(i => i.Kind == IdentityKind.Anonymous && i.Value == anonymousId, ct);
        IdentifyOutcome outcome;
        if (visitor is null)
        {
            db.CustomerIdentities.Add(new CustomerIdentity { CustomerId = target, Kind = IdentityKind.Anonymous, Value = anonymousId, CreatedAtUtc = nowUtc });
            await db.SaveChangesAsync(ct);
            outcome = new(target, Linked, null, 0);
        }
        else if (visitor.CustomerId == target) outcome = new(target, Already, null, 0);
        else
        {
            var from = visitor.CustomerId;
            var profile = await db.Customers.FirstAsync(x => x.Id == from, ct);
            if (IsAnonymousProfile(profile))
            {
                var moved = await CustomerMerge.MergeAsync(db, from, target, ct);
                outcome = new(target, Merged, from, moved);
            }
            else
            {
                visitor.CustomerId = target;
                await db.SaveChangesAsync(ct);
                outcome = new(target, Relinked, null, 0);
            }
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return outcome;
    }

    /// <summary>A profile the intake made for an unknown visitor and nobody has given a name, email or id since.</summary>
    public static bool IsAnonymousProfile(Customer c) =>
        c.MergedIntoId is null && c.Segment == "anonymous" && c.Email is null && c.ExternalId is null && c.Phone is null;
}
