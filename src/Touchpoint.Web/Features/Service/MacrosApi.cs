using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Web.Api;
using Touchpoint.Web.Features.Service.Workspace;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Service;

public sealed record MacroDto(long Id, string Name, string Body, bool Internal, string? Status, string? Priority, long? TeamId, IReadOnlyList<string> AddTags, DateTime UpdatedAt);

/// <summary>Body of POST and PUT /api/v1/macros.</summary>
public sealed record MacroInput
{
    public string? Name { get; init; }
    public string? Body { get; init; }
    public bool Internal { get; init; }
    public string? Status { get; init; }
    public string? Priority { get; init; }
    public long? TeamId { get; init; }
    public IReadOnlyList<string>? AddTags { get; init; }
}

/// <summary>/api/v1/macros: canned replies with placeholders and actions, kept by agents and admins (docs/service.md).</summary>
public static class MacrosApi
{
    public static RouteGroupBuilder MapMacrosApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/macros").WithTags("Macros");
        g.MapGet("/", List).RequireAuthorization(Policies.Agent);
        g.MapPost("/", Create).RequireAuthorization(Policies.Agent);
        g.MapPut("/{id:long}", Update).RequireAuthorization(Policies.Agent);
        g.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.Agent);
        return g;
    }

    public static MacroDto ToDto(this Macro m) => new(m.Id, m.Name, m.Body, m.Internal, m.SetStatus?.Wire(), m.SetPriority is { } p ? TicketEdit.Wire(p) : null,
        m.SetTeamId, TicketTags.Read(m.AddTagsJson), m.UpdatedAtUtc);

    public static async Task<Ok<List<MacroDto>>> List(TouchpointDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Macros.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct)).Select(m => m.ToDto()).ToList());

    public static async Task<Results<Created<MacroDto>, ValidationProblem>> Create(TouchpointDb db, TimeProvider clock, ClaimsPrincipal user, MacroInput input, CancellationToken ct)
    {
        var macro = new Macro { CreatedByUserId = Actor.UserId(user), CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        var errors = await ReadAsync(db, input, macro, ct);
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        macro.UpdatedAtUtc = macro.CreatedAtUtc;
        db.Macros.Add(macro);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/macros/{macro.Id}", macro.ToDto());
    }

    public static async Task<Results<Ok<MacroDto>, NotFound, ValidationProblem>> Update(TouchpointDb db, TimeProvider clock, long id, MacroInput input, CancellationToken ct)
    {
        var macro = await db.Macros.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (macro is null) return TypedResults.NotFound();
        var errors = await ReadAsync(db, input, macro, ct);
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        macro.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(macro.ToDto());
    }

    public static async Task<Results<NoContent, NotFound>> Delete(TouchpointDb db, long id, CancellationToken ct) =>
        await db.Macros.Where(m => m.Id == id).ExecuteDeleteAsync(ct) == 0 ? TypedResults.NotFound() : TypedResults.NoContent();

    /// <summary>Checks the input and copies it onto the macro only when all of it is valid.</summary>
    private static async Task<List<(string, string)>> ReadAsync(TouchpointDb db, MacroInput input, Macro macro, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(("name", "is required"));
        else if (name.Length > 100) errors.Add(("name", "is longer than 100 characters"));
        else if (await db.Macros.AnyAsync(m => m.Name == name && m.Id != macro.Id, ct)) errors.Add(("name", $"a macro named '{name}' exists already"));
        var body = input.Body ?? "";
        if (body.Length > 20_000) errors.Add(("body", "is longer than 20,000 characters"));
        if (MacroTemplate.Unknown(body) is { Count: > 0 } unknown)
            errors.Add(("body", $"unknown placeholder {string.Join(", ", unknown.Select(u => "{{" + u + "}}"))}; known: {string.Join(", ", MacroTemplate.Placeholders.Select(p => "{{" + p + "}}"))}"));
        TicketStatus? status = null;
        if (input.Status is not null)
        {
            if (TicketWorkflow.TryParse(input.Status, out var s) && s != TicketStatus.New) status = s;
            else errors.Add(("status", "must be one of open, pending, on_hold, solved, closed"));
        }
        TicketPriority? priority = null;
        if (input.Priority is not null)
        {
            if (TicketEdit.TryParsePriority(input.Priority, out var p)) priority = p;
            else errors.Add(("priority", "must be one of low, normal, high, urgent"));
        }
        if (input.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, ct)) errors.Add(("teamId", $"no team has id {team}"));
        var tags = new List<string>();
        foreach (var raw in input.AddTags ?? [])
            if (TicketTags.Normalise(raw, out var problem) is { } tag) tags.Add(tag); else errors.Add(("addTags", problem!));
        if (string.IsNullOrWhiteSpace(body) && status is null && priority is null && input.TeamId is null && tags.Count == 0)
            errors.Add(("body", "a macro needs a reply text or at least one action (status, priority, teamId, addTags)"));
        if (errors.Count > 0) return errors;
        (macro.Name, macro.Body, macro.Internal, macro.SetStatus, macro.SetPriority, macro.SetTeamId, macro.AddTagsJson) =
            (name, body, input.Internal, status, priority, input.TeamId, TicketTags.Write(tags));
        return errors;
    }
}
