using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Routing;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Routing;
using Touchpoint.Web.Api;
using Touchpoint.Web.Features.Service.Workspace;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Service.Routing;

public sealed record AgentRoutingDto(long UserId, string DisplayName, string Role, string Availability, IReadOnlyList<string> Skills, int? MaxOpenTickets,
    int OpenTickets, IReadOnlyList<long> TeamIds);

public sealed record AgentRoutingInput
{
    public string? Availability { get; init; }
    public IReadOnlyList<string>? Skills { get; init; }

    /// <summary>Absent leaves it; 0 removes the limit.</summary>
    public int? MaxOpenTickets { get; init; }
}

public sealed record AvailabilityInput
{
    public string? Availability { get; init; }
}

/// <summary>
/// /api/v1/users/.../routing: what routing knows of the people who take tickets. Admins set skills and capacity;
/// every agent sets their own availability (also from the inbox page).
/// </summary>
public static class AgentRoutingApi
{
    public static RouteGroupBuilder MapAgentRoutingApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/users").WithTags("Routing");
        g.MapGet("/routing", List).RequireAuthorization(Policies.Read);
        g.MapGet("/{id:long}/routing", Get).RequireAuthorization(Policies.Read);
        g.MapPut("/{id:long}/routing", Set).RequireAuthorization(Policies.Admin);
        g.MapPut("/me/availability", SetMine).RequireAuthorization(Policies.Agent);
        return g;
    }

    public static async Task<Ok<List<AgentRoutingDto>>> List(TouchpointDb db, CancellationToken ct) => TypedResults.Ok(await AgentsAsync(db, null, ct));

    public static async Task<Results<Ok<AgentRoutingDto>, NotFound>> Get(TouchpointDb db, long id, CancellationToken ct) =>
        (await AgentsAsync(db, id, ct)).FirstOrDefault() is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();

    public static async Task<Results<Ok<AgentRoutingDto>, NotFound, ValidationProblem>> Set(TouchpointDb db, TimeProvider clock, long id, AgentRoutingInput input, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, ct)) return TypedResults.NotFound();
        var capacity = input.MaxOpenTickets is 0 ? null : input.MaxOpenTickets;
        var errors = await AgentProfiles.SetAsync(db, id, input.Availability, input.Skills, capacity, input.MaxOpenTickets is not null, clock.GetUtcNow().UtcDateTime, ct);
        if (errors.Count > 0) return Validation.Problem(errors);
        return TypedResults.Ok((await AgentsAsync(db, id, ct))[0]);
    }

    public static async Task<Results<Ok<AgentRoutingDto>, ValidationProblem>> SetMine(TouchpointDb db, TimeProvider clock, ClaimsPrincipal user, AvailabilityInput input, CancellationToken ct)
    {
        if (Actor.UserId(user) is not { } me) return Validation.Problem(("availability", "an API key acts for nobody; set a person's availability with PUT /api/v1/users/{id}/routing"));
        if (input.Availability is null) return Validation.Problem(("availability", "is required: available, away or offline"));
        var errors = await AgentProfiles.SetAsync(db, me, input.Availability, null, null, false, clock.GetUtcNow().UtcDateTime, ct);
        if (errors.Count > 0) return Validation.Problem(errors);
        return TypedResults.Ok((await AgentsAsync(db, me, ct))[0]);
    }

    /// <summary>Active agents and admins with their profile and load (one of them when <paramref name="only"/> is given).</summary>
    public static async Task<List<AgentRoutingDto>> AgentsAsync(TouchpointDb db, long? only, CancellationToken ct)
    {
        var candidates = (await AgentRoster.LoadAsync(db, null, only, ct)).ToDictionary(c => c.UserId);
        var ids = candidates.Keys.ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.Role }).ToListAsync(ct);
        var teams = await db.TeamMembers.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync(ct);
        return users.Select(u =>
        {
            var c = candidates[u.Id];
            return new AgentRoutingDto(u.Id, u.DisplayName, u.Role, AgentProfile.Wire(c.Availability), c.Skills.ToList(), c.MaxOpenTickets, c.OpenTickets,
                teams.Where(m => m.UserId == u.Id).Select(m => m.TeamId).Order().ToList());
        }).ToList();
    }
}
