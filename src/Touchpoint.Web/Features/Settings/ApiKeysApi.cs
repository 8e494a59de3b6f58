using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Settings;

public sealed record ApiKeyDto(long Id, string Name, string Prefix, string Role, DateTime CreatedAt, DateTime? RevokedAt, DateTime? LastUsedAt);

/// <summary>Returned once, at creation: the only time the secret is ever shown.</summary>
public sealed record NewApiKey(ApiKeyDto Key, string Secret);

public sealed record ApiKeyInput
{
    public string? Name { get; init; }
    public string? Role { get; init; }
}

/// <summary>/api/v1/api-keys: keys for other systems, scoped to a role, revocable.</summary>
public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/api-keys").WithTags("Settings").RequireAuthorization(Policies.Admin);
        g.MapGet("/", List);
        g.MapPost("/", Create);
        g.MapDelete("/{id:long}", Revoke);
        return g;
    }

    public static ApiKeyDto ToDto(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.Role, k.CreatedAtUtc, k.RevokedAtUtc, k.LastUsedAtUtc);

    public static async Task<Ok<List<ApiKeyDto>>> List(TouchpointDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct)).Select(ToDto).ToList());

    public static async Task<Results<Created<NewApiKey>, ValidationProblem>> Create(TouchpointDb db, TimeProvider clock, ClaimsPrincipal user, ApiKeyInput input, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add(("name", "is required"));
        else if (input.Name.Length > 100) errors.Add(("name", "is longer than 100 characters"));
        if (!Roles.IsKnown(input.Role)) errors.Add(("role", "must be one of " + string.Join(", ", Roles.All)));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        var (key, secret) = ApiKey.Issue(input.Name!.Trim(), input.Role!, long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var uid) ? uid : null, clock.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", new NewApiKey(ToDto(key), secret));
    }

    public static async Task<Results<Ok<ApiKeyDto>, NotFound>> Revoke(TouchpointDb db, TimeProvider clock, long id, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null) return TypedResults.NotFound();
        key.RevokedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(key));
    }
}
