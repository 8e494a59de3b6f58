using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Journeys;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys.Maps;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Journeys.Maps;

/// <summary>/api/v1/journeys/definitions and /templates: the company's journeys, versioned, and the templates to start from.</summary>
public static class JourneyDefinitionsApi
{
    public static RouteGroupBuilder MapJourneyDefinitionsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/journeys").WithTags("Journeys");
        g.MapGet("/definitions", List).RequireAuthorization(Policies.Read);
        g.MapGet("/definitions/{id:long}", Get).RequireAuthorization(Policies.Read);
        g.MapGet("/definitions/{id:long}/versions", Versions).RequireAuthorization(Policies.Read);
        g.MapPost("/definitions", Create).RequireAuthorization(Policies.Write);
        g.MapPut("/definitions/{id:long}", Update).RequireAuthorization(Policies.Write);
        g.MapGet("/templates", Templates).RequireAuthorization(Policies.Read);
        g.MapGet("/templates/{key}", Template).RequireAuthorization(Policies.Read);
        api.MapGet("/customers/{id:long}/journeys", ForCustomer).WithTags("Journeys").RequireAuthorization(Policies.Read);
        return g;
    }

    public static async Task<Dictionary<long, string>> TeamNamesAsync(TouchpointDb db, CancellationToken ct) =>
        await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);

    public static async Task<Ok<List<JourneyView>>> List(TouchpointDb db, CancellationToken ct)
    {
        var teams = await TeamNamesAsync(db, ct);
        return TypedResults.Ok((await JourneyCatalog.ListAsync(db, ct)).Select(j => JourneyView.From(j, teams)).ToList());
    }

    /// <summary>The latest version, or the one asked for with ?version=N.</summary>
    public static async Task<Results<Ok<JourneyView>, NotFound>> Get(TouchpointDb db, long id, int? version, CancellationToken ct)
    {
        var j = await JourneyCatalog.GetAsync(db, id, version, ct);
        return j is null ? TypedResults.NotFound() : TypedResults.Ok(JourneyView.From(j, await TeamNamesAsync(db, ct)));
    }

    public static async Task<Results<Ok<List<JourneyVersionView>>, NotFound>> Versions(TouchpointDb db, long id, CancellationToken ct)
    {
        var versions = await JourneyCatalog.VersionsAsync(db, id, ct);
        return versions.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(versions.Select(v => new JourneyVersionView(v.Version, v.SavedAtUtc, v.SavedBy)).ToList());
    }

    public static async Task<Results<Created<JourneyView>, ValidationProblem>> Create(TouchpointDb db, TimeProvider clock, ClaimsPrincipal user, JourneyInput body, CancellationToken ct)
    {
        var (definition, shape) = body.ToDefinition();
        var (saved, errors) = await JourneyCatalog.SaveAsync(db, null, definition, body.TemplateKey, SavedBy(user), clock.GetUtcNow().UtcDateTime, ct);
        if (saved is null) return Validation.Problem(shape.Concat(errors));
        return TypedResults.Created($"/api/v1/journeys/definitions/{saved.Id}", JourneyView.From(saved, await TeamNamesAsync(db, ct)));
    }

    /// <summary>Saves the body as the next version; earlier versions stay readable with ?version=N.</summary>
    public static async Task<Results<Ok<JourneyView>, NotFound, ValidationProblem>> Update(TouchpointDb db, TimeProvider clock, ClaimsPrincipal user, long id, JourneyInput body, CancellationToken ct)
    {
        var (definition, shape) = body.ToDefinition();
        var (saved, errors) = await JourneyCatalog.SaveAsync(db, id, definition, null, SavedBy(user), clock.GetUtcNow().UtcDateTime, ct);
        if (saved is not null) return TypedResults.Ok(JourneyView.From(saved, await TeamNamesAsync(db, ct)));
        return errors.Count == 0 ? TypedResults.NotFound() : Validation.Problem(shape.Concat(errors));
    }

    public static Ok<List<TemplateView>> Templates() =>
        TypedResults.Ok(JourneyTemplates.All.Select(t => new TemplateView(t.Key, t.Name, t.Description, t.Stages.Count)).ToList());

    /// <summary>A template as a ready-to-edit body: owners matched to this installation's teams by name, null where none matches.</summary>
    public static async Task<Results<Ok<JourneyInput>, NotFound>> Template(TouchpointDb db, string key, CancellationToken ct)
    {
        var t = JourneyTemplates.Find(key);
        if (t is null) return TypedResults.NotFound();
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(x => x.Name, x => x.Id, ct);
        return TypedResults.Ok(JourneyInput.From(t.ToDefinition(teams), t.Key));
    }

    public static async Task<Results<Ok<IReadOnlyList<CustomerJourney>>, NotFound>> ForCustomer(TouchpointDb db, TimeProvider clock, long id, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct)) return TypedResults.NotFound();
        return TypedResults.Ok(await CustomerJourneys.ForCustomerAsync(db, id, clock.GetUtcNow().UtcDateTime, ct));
    }

    private static string SavedBy(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown";
}
