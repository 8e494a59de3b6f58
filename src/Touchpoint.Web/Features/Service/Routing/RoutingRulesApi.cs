using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Routing;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Routing;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Service.Routing;

public sealed record RoutingRuleDto(long Id, string Name, int Position, bool IsActive, string Trigger, int? AfterMinutes, string Match,
    IReadOnlyList<RuleCondition> Conditions, IReadOnlyList<RuleAction> Actions, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static RoutingRuleDto Of(RoutingRule r) =>
        new(r.Id, r.Name, r.Position, r.IsActive, r.Trigger, r.AfterMinutes, r.Match, r.Conditions, r.Actions, r.CreatedAtUtc, r.UpdatedAtUtc);
}

public sealed record ReorderInput
{
    public IReadOnlyList<long>? Ids { get; init; }
}

public sealed record RuleTestInput
{
    public RuleInput? Rule { get; init; }
    public long? TicketId { get; init; }
}

/// <summary>/api/v1/routing-rules: routing and automation rules (semantics in docs/routing.md). Admins write, everyone reads.</summary>
public static class RoutingRulesApi
{
    public static RouteGroupBuilder MapRoutingRulesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/routing-rules").WithTags("Routing");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        g.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Admin);
        g.MapPut("/{id:long}", Update).RequireAuthorization(Policies.Admin);
        g.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.Admin);
        g.MapPost("/reorder", Reorder).RequireAuthorization(Policies.Admin);
        g.MapPost("/test", Test).RequireAuthorization(Policies.Agent);
        return g;
    }

    public static async Task<Ok<List<RoutingRuleDto>>> List(TouchpointDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<RoutingRule>().AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(ct)).Select(RoutingRuleDto.Of).ToList());

    public static async Task<Results<Ok<RoutingRuleDto>, NotFound>> Get(TouchpointDb db, long id, CancellationToken ct) =>
        await db.Set<RoutingRule>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } r ? TypedResults.Ok(RoutingRuleDto.Of(r)) : TypedResults.NotFound();

    public static async Task<Results<Created<RoutingRuleDto>, ValidationProblem>> Create(TouchpointDb db, TimeProvider clock, RuleInput input, CancellationToken ct)
    {
        var rule = new RoutingRule();
        var errors = await RoutingRuleStore.SaveAsync(db, rule, input, clock.GetUtcNow().UtcDateTime, ct);
        if (errors.Count > 0) return Validation.Problem(errors);
        return TypedResults.Created($"/api/v1/routing-rules/{rule.Id}", RoutingRuleDto.Of(rule));
    }

    public static async Task<Results<Ok<RoutingRuleDto>, NotFound, ValidationProblem>> Update(TouchpointDb db, TimeProvider clock, long id, RuleInput input, CancellationToken ct)
    {
        var rule = await db.Set<RoutingRule>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null) return TypedResults.NotFound();
        var errors = await RoutingRuleStore.SaveAsync(db, rule, input, clock.GetUtcNow().UtcDateTime, ct);
        return errors.Count > 0 ? Validation.Problem(errors) : TypedResults.Ok(RoutingRuleDto.Of(rule));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(TouchpointDb db, long id, CancellationToken ct)
    {
        var rule = await db.Set<RoutingRule>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null) return TypedResults.NotFound();
        // Firings stay: they are history, and keep the ids of a deleted rule from ever firing again.
        db.Set<RoutingRule>().Remove(rule);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<List<RoutingRuleDto>>, ValidationProblem>> Reorder(TouchpointDb db, ReorderInput input, CancellationToken ct)
    {
        if (await RoutingRuleStore.ReorderAsync(db, input.Ids ?? [], ct) is { } problem) return Validation.Problem([problem]);
        return (await List(db, ct));
    }

    /// <summary>Dry run of a rule (saved or not) against an existing ticket: would it match, and what would it do.</summary>
    public static async Task<Results<Ok<RulePreviewResult>, ValidationProblem>> Test(TouchpointDb db, RuleTestInput input, CancellationToken ct)
    {
        if (input.Rule is null) return Validation.Problem(("rule", "is required"));
        if (input.TicketId is not { } ticketId) return Validation.Problem(("ticketId", "is required"));
        var (result, errors) = await RulePreview.RunAsync(db, input.Rule, ticketId, ct);
        return result is null ? Validation.Problem(errors.Select(e => e.Field == "ticketId" ? e : e with { Field = "rule." + e.Field })) : TypedResults.Ok(result);
    }
}
