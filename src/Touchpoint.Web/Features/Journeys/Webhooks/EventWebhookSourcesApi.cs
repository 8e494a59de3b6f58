using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys.Intake;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Journeys.Webhooks;

public sealed record EventWebhookSourceDto(long Id, string Key, string Name, string Url, string CreatedBy, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>Returned once, when a source is made: the only time its secret is shown.</summary>
public sealed record NewEventWebhookSource(EventWebhookSourceDto Source, string Secret);

public sealed record EventWebhookSourceInput(string? Key, string? Name);

/// <summary>/api/v1/webhooks/event-sources: the systems allowed to push events by signed webhook, one secret each (admins).</summary>
public static partial class EventWebhookSourcesApi
{
    // 16 at most: events carry "wh:{key}" in their 20-character source column.
    [GeneratedRegex("^[a-z][a-z0-9_-]{1,15}$")]
    private static partial Regex SourceKey();

    public static RouteGroupBuilder MapEventWebhookSourcesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/webhooks/event-sources").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        g.MapGet("/", List);
        g.MapPost("/", Create);
        g.MapDelete("/{id:long}", Revoke);
        return g;
    }

    private static EventWebhookSourceDto ToDto(EventWebhookSource s) =>
        new(s.Id, s.Key, s.Name, $"/api/v1/webhooks/events/{s.Key}", s.CreatedBy, s.CreatedAtUtc, s.RevokedAtUtc);

    public static async Task<Ok<List<EventWebhookSourceDto>>> List(TouchpointDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.EventWebhookSources.AsNoTracking().OrderBy(s => s.Key).ToListAsync(ct)).Select(ToDto).ToList());

    public static async Task<Results<Created<NewEventWebhookSource>, ValidationProblem>> Create(TouchpointDb db, TimeProvider clock, ClaimsPrincipal user,
        EventWebhookSourceInput input, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var key = input.Key?.Trim() ?? "";
        if (!SourceKey().IsMatch(key)) errors.Add(("key", "must be 2 to 16 lower-case letters, digits, - or _, starting with a letter"));
        else if (await db.EventWebhookSources.AnyAsync(s => s.Key == key, ct)) errors.Add(("key", $"a source '{key}' exists already (revoked sources keep their key)"));
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add(("name", "is required"));
        else if (input.Name.Trim().Length > 100) errors.Add(("name", "is longer than 100 characters"));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        var source = new EventWebhookSource
        {
            Key = key, Name = input.Name!.Trim(), Secret = EventWebhookSource.NewSecret(),
            CreatedBy = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown", CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.EventWebhookSources.Add(source);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/webhooks/event-sources/{source.Id}", new NewEventWebhookSource(ToDto(source), source.Secret));
    }

    public static async Task<Results<Ok<EventWebhookSourceDto>, NotFound>> Revoke(TouchpointDb db, TimeProvider clock, long id, CancellationToken ct)
    {
        var s = await db.EventWebhookSources.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return TypedResults.NotFound();
        s.RevokedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(s));
    }
}
