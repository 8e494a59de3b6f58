using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Settings;

public sealed record TeamDto(long Id, string Name, string Description, IReadOnlyList<long> MemberIds);

public sealed record TeamInput
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<long>? MemberIds { get; init; }
}

/// <summary>/api/v1/teams: the groups that own tickets, touchpoints and fixes.</summary>
public static class TeamsApi
{
    public static RouteGroupBuilder MapTeamsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/teams").WithTags("Settings");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Admin);
        g.MapPut("/{id:long}", Update).RequireAuthorization(Policies.Admin);
        return g;
    }

    public static async Task<Ok<List<TeamDto>>> List(TouchpointDb db, CancellationToken ct)
    {
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var members = await db.TeamMembers.AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(teams.Select(t => new TeamDto(t.Id, t.Name, t.Description,
            members.Where(m => m.TeamId == t.Id).Select(m => m.UserId).Order().ToList())).ToList());
    }

    public static async Task<Results<Created<TeamDto>, ValidationProblem>> Create(TouchpointDb db, TimeProvider clock, TeamInput input, CancellationToken ct)
    {
        var errors = await CheckAsync(db, input, null, ct);
        if (errors.Length > 0) return Validation.Problem(errors);
        var team = new Team { Name = input.Name!.Trim(), Description = input.Description?.Trim() ?? "", CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        await SetMembersAsync(db, team.Id, input.MemberIds ?? [], ct);
        return TypedResults.Created($"/api/v1/teams/{team.Id}", new TeamDto(team.Id, team.Name, team.Description, input.MemberIds ?? []));
    }

    public static async Task<Results<Ok<TeamDto>, NotFound, ValidationProblem>> Update(TouchpointDb db, long id, TeamInput input, CancellationToken ct)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is null) return TypedResults.NotFound();
        var errors = await CheckAsync(db, input, id, ct);
        if (errors.Length > 0) return Validation.Problem(errors);
        team.Name = input.Name!.Trim();
        team.Description = input.Description?.Trim() ?? "";
        await db.SaveChangesAsync(ct);
        if (input.MemberIds is not null) await SetMembersAsync(db, id, input.MemberIds, ct);
        var members = await db.TeamMembers.Where(m => m.TeamId == id).Select(m => m.UserId).OrderBy(x => x).ToListAsync(ct);
        return TypedResults.Ok(new TeamDto(team.Id, team.Name, team.Description, members));
    }

    private static async Task<(string, string)[]> CheckAsync(TouchpointDb db, TeamInput input, long? id, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add(("name", "is required"));
        else if (input.Name.Trim().Length > 100) errors.Add(("name", "is longer than 100 characters"));
        else if (await db.Teams.AnyAsync(t => t.Name == input.Name.Trim() && t.Id != id, ct)) errors.Add(("name", "another team has this name"));
        if (input.MemberIds is { Count: > 0 } ids)
        {
            var known = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
            var unknown = ids.Except(known).ToList();
            if (unknown.Count > 0) errors.Add(("memberIds", "no user has id " + string.Join(", ", unknown)));
        }
        return errors.ToArray();
    }

    private static async Task SetMembersAsync(TouchpointDb db, long teamId, IReadOnlyList<long> userIds, CancellationToken ct)
    {
        db.TeamMembers.RemoveRange(db.TeamMembers.Where(m => m.TeamId == teamId));
        db.TeamMembers.AddRange(userIds.Distinct().Select(u => new TeamMember { TeamId = teamId, UserId = u }));
        await db.SaveChangesAsync(ct);
    }
}
