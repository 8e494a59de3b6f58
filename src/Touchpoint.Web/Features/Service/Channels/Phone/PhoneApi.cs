using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Service.Channels.Phone;

public sealed record CallInput
{
    public long? CustomerId { get; init; }
    public long? TicketId { get; init; }
    public string? Direction { get; init; }
    public string? Outcome { get; init; }
    public int? DurationSeconds { get; init; }
    public string? Notes { get; init; }
    public string? PhoneNumber { get; init; }
    public DateTimeOffset? At { get; init; }
    public DateTimeOffset? CallbackAt { get; init; }
}

public sealed record CallDto(long Id, long TicketId, long MessageId, string Direction, string Outcome, int DurationSeconds, DateTime At, DateTime? CallbackDueAt, DateTime? CallbackDoneAt);

public sealed record VisitInput
{
    public long? CustomerId { get; init; }
    public string? Request { get; init; }
    public string? Outcome { get; init; }
    public string? Location { get; init; }
    public DateTimeOffset? At { get; init; }
}

/// <summary>/api/v1/channels/phone and /visits: calls and visits logged by staff or a telephony system.</summary>
public static class PhoneApi
{
    public static void MapPhoneApi(this RouteGroupBuilder channels)
    {
        var g = channels.MapGroup("/phone").WithTags("Channels: phone and visits");
        g.MapPost("/calls", LogCall).RequireAuthorization(Policies.Agent);
        g.MapGet("/callbacks", Callbacks).RequireAuthorization(Policies.Read);
        g.MapPost("/callbacks/{id:long}/done", CallbackDone).RequireAuthorization(Policies.Agent);
        channels.MapPost("/visits", LogVisit).RequireAuthorization(Policies.Agent).WithTags("Channels: phone and visits");
    }

    public static async Task<Results<Created<CallDto>, ValidationProblem>> LogCall(TouchpointDb db, TimeProvider clock, ClaimsPrincipal user, CallInput input, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var now = clock.GetUtcNow();
        var direction = input.Direction?.Trim().ToLowerInvariant() switch { "inbound" => CallDirection.Inbound, "outbound" => CallDirection.Outbound, _ => (CallDirection?)null };
        if (direction is null) errors.Add(("direction", "must be inbound or outbound"));
        if (!CallbackRule.TryParse(input.Outcome, out var outcome)) errors.Add(("outcome", "must be one of answered, missed, voicemail, callback_scheduled"));
        if (input.DurationSeconds is < 0 or > 86_400) errors.Add(("durationSeconds", "must be between 0 and 86,400"));
        if (input.Notes is { Length: > 20_000 }) errors.Add(("notes", "is longer than 20,000 characters"));
        if (input.At is { } at && at > now.AddMinutes(5)) errors.Add(("at", "is in the future"));
        if (input.CallbackAt is { } cb && cb < (input.At ?? now)) errors.Add(("callbackAt", "is before the call"));
        long customerId = 0;
        if (input.TicketId is { } tid)
        {
            var t = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == tid, ct);
            if (t is null) errors.Add(("ticketId", $"no ticket has id {tid}"));
            else customerId = t.CustomerId;
        }
        else if (input.CustomerId is null) errors.Add(("customerId", "is required (or give ticketId)"));
        else if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct)) errors.Add(("customerId", $"no customer has id {input.CustomerId}"));
        else customerId = input.CustomerId.Value;
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());

        var (_, call) = await ContactIntake.CallAsync(db, new LoggedCall(customerId, direction!.Value, outcome, input.DurationSeconds ?? 0, input.Notes ?? "",
            (input.At ?? now).UtcDateTime, UserId(user), input.TicketId, input.CallbackAt?.UtcDateTime, input.PhoneNumber ?? ""), ct);
        return TypedResults.Created($"/api/v1/tickets/{call.TicketId}", ToDto(call));
    }

    /// <summary>Callbacks still owed, the most overdue first.</summary>
    public static async Task<Ok<List<CallDto>>> Callbacks(TouchpointDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<PhoneCall>().AsNoTracking().Where(c => c.CallbackDueAtUtc != null && c.CallbackDoneAtUtc == null)
            .OrderBy(c => c.CallbackDueAtUtc).Take(500).ToListAsync(ct)).Select(ToDto).ToList());

    public static async Task<Results<Ok<CallDto>, NotFound>> CallbackDone(TouchpointDb db, TimeProvider clock, long id, CancellationToken ct)
    {
        var c = await db.Set<PhoneCall>().FirstOrDefaultAsync(x => x.Id == id && x.CallbackDueAtUtc != null, ct);
        if (c is null) return TypedResults.NotFound();
        c.CallbackDoneAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(c));
    }

    public static async Task<Results<Created<Touchpoint.Web.Features.Service.TicketSummary>, ValidationProblem>> LogVisit(TouchpointDb db, TimeProvider clock, ClaimsPrincipal user,
        VisitInput input, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (input.CustomerId is null) errors.Add(("customerId", "is required"));
        else if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct)) errors.Add(("customerId", $"no customer has id {input.CustomerId}"));
        if (string.IsNullOrWhiteSpace(input.Request)) errors.Add(("request", "is required: what did the customer come for?"));
        else if (input.Request.Length > 20_000) errors.Add(("request", "is longer than 20,000 characters"));
        if (input.Outcome is { Length: > 20_000 }) errors.Add(("outcome", "is longer than 20,000 characters"));
        if (input.Location is { Length: > 200 }) errors.Add(("location", "is longer than 200 characters"));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        var r = await ContactIntake.VisitAsync(db, input.CustomerId!.Value, input.Request!, input.Outcome, input.Location,
            (input.At ?? clock.GetUtcNow()).UtcDateTime, UserId(user), ct);
        return TypedResults.Created($"/api/v1/tickets/{r.Ticket.Id}", r.Ticket.ToSummary());
    }

    private static long? UserId(ClaimsPrincipal user) => long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var uid) ? uid : null;

    private static CallDto ToDto(PhoneCall c) => new(c.Id, c.TicketId, c.TicketMessageId, c.Direction.ToString().ToLowerInvariant(), c.Outcome.Wire(),
        c.DurationSeconds, c.AtUtc, c.CallbackDueAtUtc, c.CallbackDoneAtUtc);
}
