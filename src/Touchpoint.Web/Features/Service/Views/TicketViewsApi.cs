using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Search;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Service;
using Touchpoint.Web.Api;
using Touchpoint.Web.Features.Service.Workspace;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Service.Views;

/// <summary>A view as the API lists it: built-in ones have a word as key, saved ones their id.</summary>
public sealed record TicketViewDto(string Key, string Name, bool BuiltIn, bool Shared, TicketViewFilter Filter);

/// <summary>Body of POST /api/v1/ticket-views.</summary>
public sealed record TicketViewInput
{
    public string? Name { get; init; }
    public bool Shared { get; init; }
    public TicketViewFilter? Filter { get; init; }
}

/// <summary>/api/v1/ticket-views: the inbox views (mine, unassigned, breaching soon, saved filters) and their tickets.</summary>
public static class TicketViewsApi
{
    public static RouteGroupBuilder MapTicketViewsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/ticket-views").WithTags("Ticket views");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Agent);
        g.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.Agent);
        g.MapGet("/{key}/tickets", Tickets).RequireAuthorization(Policies.Read);
        return g;
    }

    /// <summary>The built-in views, then the shared saved ones and the person's own, by name.</summary>
    public static async Task<IReadOnlyList<TicketViewDto>> VisibleAsync(TouchpointDb db, long? userId, CancellationToken ct)
    {
        var saved = await db.SavedTicketViews.AsNoTracking().Where(v => v.OwnerUserId == null || v.OwnerUserId == userId).OrderBy(v => v.Name).ToListAsync(ct);
        return BuiltInViews.All.Select(b => new TicketViewDto(b.Key, b.Name, true, true, b.Filter))
            .Concat(saved.Select(v => new TicketViewDto(v.Id.ToString(CultureInfo.InvariantCulture), v.Name, false, v.OwnerUserId is null, TicketViewFilter.FromJson(v.FilterJson))))
            .ToList();
    }

    public static async Task<Ok<IReadOnlyList<TicketViewDto>>> List(TouchpointDb db, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await VisibleAsync(db, Actor.UserId(user), ct));

    public static async Task<Results<Created<TicketViewDto>, ValidationProblem>> Create(TouchpointDb db, TimeProvider clock, ClaimsPrincipal user,
        TicketViewInput input, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(("name", "is required"));
        else if (name.Length > 100) errors.Add(("name", "is longer than 100 characters"));
        if (input.Filter is null) errors.Add(("filter", "is required"));
        else errors.AddRange((await TicketViewQuery.CheckAsync(db, input.Filter, ct)).Select(e => (e.Field, e.Message)));
        var userId = Actor.UserId(user);
        if (!input.Shared && userId is null) errors.Add(("shared", "an API key acts for nobody, so its views must be shared"));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        var view = new SavedTicketView
        {
            Name = name, OwnerUserId = input.Shared ? null : userId, FilterJson = input.Filter!.ToJson(), CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.SavedTicketViews.Add(view);
        await db.SaveChangesAsync(ct);
        var key = view.Id.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Created($"/api/v1/ticket-views/{key}/tickets", new TicketViewDto(key, view.Name, false, input.Shared, input.Filter));
    }

    /// <summary>Deletes a saved view: one's own, or a shared one (any agent), or anyone's for an admin.</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(TouchpointDb db, ClaimsPrincipal user, long id, CancellationToken ct)
    {
        var view = await db.SavedTicketViews.FirstOrDefaultAsync(v => v.Id == id, ct);
        if (view is null) return TypedResults.NotFound();
        if (view.OwnerUserId is { } owner && owner != Actor.UserId(user) && !user.IsInRole(Roles.Admin))
            return TypedResults.Problem("This view belongs to another person.", statusCode: StatusCodes.Status403Forbidden);
        db.SavedTicketViews.Remove(view);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<CursorPage<InboxRow>>, NotFound, ValidationProblem>> Tickets(TouchpointDb db, ITicketSearch search, ServiceClock clock,
        ClaimsPrincipal user, string key, string? q, string? cursor, int? limit, CancellationToken ct)
    {
        var (take, _, errors) = Cursor.Read(limit, cursor);
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        var userId = Actor.UserId(user);
        var view = (await VisibleAsync(db, userId, ct)).FirstOrDefault(v => v.Key == key);
        if (view is null) return TypedResults.NotFound();
        if (view.Filter.Assignee == "me" && userId is null)
            return Validation.Problem(("key", "an API key acts for nobody; use assigneeId on GET /api/v1/tickets instead of 'mine'"));
        var filter = string.IsNullOrWhiteSpace(q) ? view.Filter : view.Filter with { Query = q };
        return TypedResults.Ok(await TicketViewQuery.RunAsync(db, search, clock, filter, userId, cursor, take, ct));
    }
}
