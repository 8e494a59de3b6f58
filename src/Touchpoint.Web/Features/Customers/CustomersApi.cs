using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Search;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Customers;

/// <summary>/api/v1/customers: list, search, read, create and update customers, and read their timeline.</summary>
public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/customers").WithTags("Customers");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        g.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Read);
        g.MapGet("/{id:long}/timeline", Timeline).RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Write).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPut("/{id:long}", Update).RequireAuthorization(Policies.Write).ProducesProblem(StatusCodes.Status409Conflict);
        return g;
    }

    public static async Task<Results<Ok<CursorPage<CustomerSummary>>, ValidationProblem>> List(
        TouchpointDb db, ICustomerSearch search, string? q, string? segment, string? cursor, int? limit, CancellationToken ct)
    {
        var (take, after, errors) = Cursor.Read(limit, cursor);
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        var rows = await CustomerQueries.Filter(db, search, q, segment)
            .Where(c => after == null || c.Id < after)
            .OrderByDescending(c => c.Id).Take(take + 1)
            .ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows.Select(c => c.ToSummary()).ToList(), take, c => c.Id));
    }

    public static async Task<Results<Ok<CustomerDetail>, NotFound>> Get(TouchpointDb db, long id, CancellationToken ct)
    {
        var detail = await CustomerQueries.DetailAsync(db, id, ct);
        return detail is null ? TypedResults.NotFound() : TypedResults.Ok(detail);
    }

    public static async Task<Results<Ok<CursorPage<TimelineEntry>>, NotFound, ValidationProblem>> Timeline(
        TouchpointDb db, long id, string? cursor, int? limit, CancellationToken ct)
    {
        var (take, _, errors) = Cursor.Read(limit, null);
        if (!TimeCursor.TryDecode(cursor, out var after)) errors.Add(("cursor", "is not a cursor returned by this API"));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct)) return TypedResults.NotFound();
        var page = await CustomerTimeline.PageAsync(db, id, after, take, ct);
        return TypedResults.Ok(page);
    }

    public static async Task<Results<Created<CustomerDetail>, ValidationProblem, ProblemHttpResult>> Create(
        TouchpointDb db, TimeProvider clock, CustomerInput input, CancellationToken ct)
    {
        var errors = CustomerRules.Check(input);
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        var customer = new Customer { CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        Apply(customer, input);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await CustomerQueries.ConflictAsync(db, customer, ct) is { } conflict) return Conflicted(conflict);
        db.Customers.Add(customer);
        if (!await SaveAsync(db, customer, clock, ct)) return Conflicted(RaceDetail);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/customers/{customer.Id}", (await CustomerQueries.DetailAsync(db, customer.Id, ct))!);
    }

    public static async Task<Results<Ok<CustomerDetail>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        TouchpointDb db, TimeProvider clock, long id, CustomerInput input, CancellationToken ct)
    {
        var errors = CustomerRules.Check(input);
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return TypedResults.NotFound();
        Apply(customer, input);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await CustomerQueries.ConflictAsync(db, customer, ct) is { } conflict) return Conflicted(conflict);
        if (!await SaveAsync(db, customer, clock, ct)) return Conflicted(RaceDetail);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await CustomerQueries.DetailAsync(db, id, ct))!);
    }

    private const string RaceDetail = "Another request stored the same external id, email or phone at the same moment; read the customer and try again.";

    /// <summary>
    /// Saves the customer and its identity links in the caller's transaction. The conflict check above cannot see a
    /// concurrent request; the unique index on identities can, and its refusal is answered as a conflict.
    /// </summary>
    private static async Task<bool> SaveAsync(TouchpointDb db, Customer customer, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            await CustomerQueries.SyncIdentitiesAsync(db, customer, clock.GetUtcNow().UtcDateTime, ct);
            return true;
        }
        catch (DbUpdateException e) when (StoreErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }

    // A problem result, not Conflict(ProblemDetails): that one is written as plain application/json.
    private static ProblemHttpResult Conflicted(string detail) => TypedResults.Problem(statusCode: 409, title: "Conflict", detail: detail);

    private static void Apply(Customer c, CustomerInput input)
    {
        c.Name = input.Name!.Trim();
        c.ExternalId = string.IsNullOrWhiteSpace(input.ExternalId) ? null : input.ExternalId.Trim();
        c.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        c.Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim();
        c.Segment = input.Segment?.Trim().ToLowerInvariant() ?? "";
        c.AttributesJson = JsonSerializer.Serialize(input.Attributes ?? []);
    }
}
