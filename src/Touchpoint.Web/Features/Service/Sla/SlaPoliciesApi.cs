using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Sla;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Sla;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Service.Sla;

public sealed record SlaPolicyDto(long Id, string Name, int Position, SlaConditions Conditions, IReadOnlyDictionary<string, SlaTargetMinutes> Targets,
    SlaCalendarInput Calendar, SlaWarning? Warning, SlaActions? OnWarning, SlaActions? OnBreach, DateTime UpdatedAt);

/// <summary>Body of PUT /api/v1/sla-policies/order: every policy id once, first match first.</summary>
public sealed record SlaPolicyOrder
{
    public IReadOnlyList<long>? Ids { get; init; }
}

/// <summary>
/// /api/v1/sla-policies: the ordered SLA policies. Everyone signed in reads them (the SLA chip names the policy);
/// only admins change them. Every rule lives in <see cref="SlaPolicyRules"/>; this class reads the store's names
/// for it and keeps positions unique.
/// </summary>
public static class SlaPoliciesApi
{
    public static RouteGroupBuilder MapSlaPoliciesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/sla-policies").WithTags("SLA policies");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        g.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Admin);
        g.MapPut("/{id:long}", Update).RequireAuthorization(Policies.Admin);
        g.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.Admin);
        g.MapPut("/order", Reorder).RequireAuthorization(Policies.Admin);
        return g;
    }

    public static async Task<Ok<List<SlaPolicyDto>>> List(TouchpointDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.SlaPolicies().AsNoTracking().OrderBy(p => p.Position).ThenBy(p => p.Id).ToListAsync(ct)).Select(Dto).ToList());

    public static async Task<Results<Ok<SlaPolicyDto>, NotFound>> Get(TouchpointDb db, long id, CancellationToken ct) =>
        await db.SlaPolicies().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } row ? TypedResults.Ok(Dto(row)) : TypedResults.NotFound();

    public static async Task<Results<Created<SlaPolicyDto>, ValidationProblem>> Create(TouchpointDb db, TimeProvider clock, SlaPolicyDraft input, CancellationToken ct)
    {
        var errors = SlaPolicyRules.Check(input, await ContextAsync(db, null, ct));
        if (errors.Count > 0) return Validation.Problem(errors);
        var position = input.Position ?? (await db.SlaPolicies().MaxAsync(p => (int?)p.Position, ct) ?? 0) + 1;
        var row = new SlaPolicyDefinition();
        SlaPolicyDrafts.Apply(input, row, position, clock.GetUtcNow().UtcDateTime);
        db.SlaPolicies().Add(row);
        if (await SaveAsync(db, ct) is { } clash) return clash;
        return TypedResults.Created($"/api/v1/sla-policies/{row.Id}", Dto(row));
    }

    public static async Task<Results<Ok<SlaPolicyDto>, NotFound, ValidationProblem>> Update(TouchpointDb db, TimeProvider clock, long id, SlaPolicyDraft input, CancellationToken ct)
    {
        var row = await db.SlaPolicies().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (row is null) return TypedResults.NotFound();
        var errors = SlaPolicyRules.Check(input, await ContextAsync(db, id, ct));
        if (errors.Count > 0) return Validation.Problem(errors);
        SlaPolicyDrafts.Apply(input, row, input.Position ?? row.Position, clock.GetUtcNow().UtcDateTime);
        if (await SaveAsync(db, ct) is { } clash) return clash;
        return TypedResults.Ok(Dto(row));
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> Delete(TouchpointDb db, long id, CancellationToken ct)
    {
        var row = await db.SlaPolicies().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (row is null) return TypedResults.NotFound();
        if (!await db.SlaPolicies().AnyAsync(p => p.Id != id, ct))
            return Validation.Problem(("id", "the last policy cannot be deleted: every ticket needs targets; edit it instead"));
        db.SlaPolicies().Remove(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Sets the order: positions 1..n in the order given.</summary>
    public static async Task<Results<Ok<List<SlaPolicyDto>>, ValidationProblem>> Reorder(TouchpointDb db, TimeProvider clock, SlaPolicyOrder input, CancellationToken ct)
    {
        var rows = await db.SlaPolicies().ToListAsync(ct);
        var ids = input.Ids ?? [];
        var known = rows.Select(r => r.Id).ToHashSet();
        if (ids.Distinct().Count() != ids.Count) return Validation.Problem(("ids", "lists a policy more than once"));
        if (ids.FirstOrDefault(i => !known.Contains(i)) is var unknown and not 0) return Validation.Problem(("ids", $"no policy has id {unknown}"));
        if (ids.Count != rows.Count)
            return Validation.Problem(("ids", "must list every policy once; missing " + string.Join(", ", known.Except(ids).Order())));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Two steps, so the unique index on position never sees two rows with the same value mid-way.
        foreach (var r in rows) r.Position = -r.Position - 1_000_000;
        await db.SaveChangesAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < ids.Count; i++)
        {
            var r = rows.Single(x => x.Id == ids[i]);
            r.Position = i + 1;
            r.UpdatedAtUtc = now;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(rows.OrderBy(r => r.Position).Select(Dto).ToList());
    }

    /// <summary>
    /// Saves; a unique name or position taken by another admin's save between our check and our write is answered
    /// like the check would have answered it, not with a 500.
    /// </summary>
    private static async Task<ValidationProblem?> SaveAsync(TouchpointDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Validation.Problem(("name", "another policy with this name or position was saved at the same time; reload and try again"));
        }
    }

    private static async Task<SlaPolicyContext> ContextAsync(TouchpointDb db, long? id, CancellationToken ct)
    {
        var others = await db.SlaPolicies().AsNoTracking().Where(p => p.Id != id).Select(p => new { p.Id, p.Name, p.Position }).ToListAsync(ct);
        return new SlaPolicyContext(others.Select(o => (o.Id, o.Name, o.Position)).ToList(), await SlaPolicies.KnownSegmentsAsync(db, ct),
            TicketMapping.Channels, await db.Teams.AsNoTracking().Select(t => t.Id).ToListAsync(ct));
    }

    public static SlaPolicyDto Dto(SlaPolicyDefinition row)
    {
        var d = SlaPolicyDrafts.Read(row);
        return new SlaPolicyDto(row.Id, row.Name, row.Position, d.Conditions ?? new SlaConditions(), d.Targets ?? new Dictionary<string, SlaTargetMinutes>(),
            d.Calendar ?? new SlaCalendarInput(), d.Warning, d.OnWarning, d.OnBreach, row.UpdatedAtUtc);
    }
}
