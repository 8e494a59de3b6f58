using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Voice;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Voice;

public sealed record TemplateInput
{
    public string? Name { get; init; }
    public string? Subject { get; init; }
    public string? Body { get; init; }
}

public sealed record TemplateDto(long Id, string Name, string Subject, string Body, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record OutreachSendInput
{
    public long? CustomerId { get; init; }
}

public sealed record OutreachDto(long Id, long TemplateId, long CustomerId, long? TriggerId, string Status, string? Reason, string Subject, string Body, DateTime DueAt, DateTime? SentAt);

/// <summary>
/// Proactive outreach: templates (/api/v1/voice/templates), a send by hand (POST .../{id}/send, the fatigue rules
/// apply) and the sends (/api/v1/voice/outreach). Triggers that send a template are journey triggers with templateId.
/// </summary>
public static class OutreachApi
{
    public static RouteGroupBuilder MapOutreachApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/voice").WithTags("Voice");
        g.MapGet("/templates", List).RequireAuthorization(Policies.Read);
        g.MapGet("/templates/{id:long}", Get).RequireAuthorization(Policies.Read);
        g.MapPost("/templates", Create).RequireAuthorization(Policies.Write);
        g.MapPut("/templates/{id:long}", Update).RequireAuthorization(Policies.Write);
        g.MapPost("/templates/{id:long}/send", Send).RequireAuthorization(Policies.Write);
        g.MapGet("/outreach", Sends).RequireAuthorization(Policies.Read);
        return g;
    }

    public static TemplateDto ToDto(OutreachTemplate t) => new(t.Id, t.Name, t.Subject, t.Body, t.CreatedAtUtc, t.UpdatedAtUtc);

    public static OutreachDto ToDto(OutreachMessage m) => new(m.Id, m.TemplateId, m.CustomerId, m.TriggerId, m.Status.ToString().ToLowerInvariant(), m.Reason, m.Subject, m.Body, m.DueAtUtc, m.SentAtUtc);

    public static async Task<Ok<List<TemplateDto>>> List(TouchpointDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<OutreachTemplate>().AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct)).Select(ToDto).ToList());

    public static async Task<Results<Ok<TemplateDto>, NotFound>> Get(TouchpointDb db, long id, CancellationToken ct) =>
        await db.Set<OutreachTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } t ? TypedResults.Ok(ToDto(t)) : TypedResults.NotFound();

    public static async Task<Results<Created<TemplateDto>, ValidationProblem>> Create(TouchpointDb db, TimeProvider clock, TemplateInput input, CancellationToken ct)
    {
        var (t, errors) = await SaveAsync(db, null, input, clock.GetUtcNow().UtcDateTime, ct);
        return t is null ? Validation.Problem(errors.ToArray()) : TypedResults.Created($"/api/v1/voice/templates/{t.Id}", ToDto(t));
    }

    public static async Task<Results<Ok<TemplateDto>, NotFound, ValidationProblem>> Update(TouchpointDb db, TimeProvider clock, long id, TemplateInput input, CancellationToken ct)
    {
        if (!await db.Set<OutreachTemplate>().AnyAsync(t => t.Id == id, ct)) return TypedResults.NotFound();
        var (t, errors) = await SaveAsync(db, id, input, clock.GetUtcNow().UtcDateTime, ct);
        return t is null ? Validation.Problem(errors.ToArray()) : TypedResults.Ok(ToDto(t));
    }

    /// <summary>Checks and stores a template (new when <paramref name="id"/> is null); the page uses it too.</summary>
    public static async Task<(OutreachTemplate? Template, List<(string, string)> Errors)> SaveAsync(TouchpointDb db, long? id, TemplateInput input, DateTime nowUtc, CancellationToken ct)
    {
        var errors = OutreachText.Validate(input.Name, input.Subject, input.Body).ToList();
        var name = input.Name?.Trim() ?? "";
        if (name.Length > 0 && await db.Set<OutreachTemplate>().AnyAsync(t => t.Name == name && t.Id != (id ?? 0), ct)) errors.Add(("name", $"another template is called '{name}'"));
        if (errors.Count > 0) return (null, errors);
        var t = id is { } existing ? await db.Set<OutreachTemplate>().FirstAsync(x => x.Id == existing, ct) : new OutreachTemplate { CreatedAtUtc = nowUtc };
        (t.Name, t.Subject, t.Body, t.UpdatedAtUtc) = (name, input.Subject!.Trim(), input.Body!.Replace("\r\n", "\n"), nowUtc);
        if (id is null) db.Set<OutreachTemplate>().Add(t);
        await db.SaveChangesAsync(ct);
        return (t, []);
    }

    /// <summary>201 with the send; 200 with status "suppressed" and the reason when a fatigue rule held it back.</summary>
    public static async Task<Results<Created<OutreachDto>, Ok<OutreachDto>, NotFound, ValidationProblem>> Send(TouchpointDb db, OutreachDispatch outreach, long id, OutreachSendInput input, CancellationToken ct)
    {
        var template = await db.Set<OutreachTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null) return TypedResults.NotFound();
        if (input.CustomerId is not { } customer) return Validation.Problem(("customerId", "is required"));
        if (!await db.Customers.AnyAsync(c => c.Id == customer, ct)) return Validation.Problem(("customerId", "no customer has this id"));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var m = await outreach.SendAsync(db, template, customer, null, null, null, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return m!.Status == InvitationStatus.Suppressed ? TypedResults.Ok(ToDto(m)) : TypedResults.Created($"/api/v1/voice/outreach?customerId={customer}", ToDto(m));
    }

    public static async Task<Ok<List<OutreachDto>>> Sends(TouchpointDb db, long? customerId, long? templateId, CancellationToken ct)
    {
        var q = db.Set<OutreachMessage>().AsNoTracking();
        if (customerId is { } c) q = q.Where(m => m.CustomerId == c);
        if (templateId is { } t) q = q.Where(m => m.TemplateId == t);
        return TypedResults.Ok((await q.OrderByDescending(m => m.Id).Take(500).ToListAsync(ct)).Select(ToDto).ToList());
    }
}
