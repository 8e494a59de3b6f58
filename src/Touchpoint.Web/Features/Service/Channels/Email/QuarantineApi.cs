using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Data.Store;
using Touchpoint.Web.Api;
using Touchpoint.Web.Features.Service.Workspace;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Service.Channels.Email;

/// <summary>Body of POST /api/v1/channels/quarantine/{id}/release: the customer, when the message names none.</summary>
public sealed record QuarantineReleaseInput(long? CustomerId);

/// <summary>
/// /api/v1/channels/quarantine/{id}: an agent's decision about a held message (the list is in <see cref="EmailApi"/>):
/// release it into a new ticket, or delete it with its raw bytes.
/// </summary>
public static class QuarantineApi
{
    public static void MapQuarantineApi(this RouteGroupBuilder channels)
    {
        var g = channels.MapGroup("/quarantine").WithTags("Channels");
        g.MapPost("/{id:long}/release", Release).RequireAuthorization(Policies.Agent);
        g.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.Agent);
    }

    public static async Task<Results<Created<TicketSummary>, NotFound, ValidationProblem>> Release(TouchpointDb db, ChannelFiles files, TimeProvider clock,
        TicketChangeNotifier notifier, long id, QuarantineReleaseInput? input, CancellationToken ct)
    {
        var r = await QuarantineRelease.ReleaseAsync(db, files, id, input?.CustomerId, clock.GetUtcNow().UtcDateTime, ct);
        if (r is null) return TypedResults.NotFound();
        if (r.Ticket is null) return Validation.Problem(r.Errors.Select(e => (e.Field, e.Message)).ToArray());
        notifier.Notify(r.Ticket.Id);
        return TypedResults.Created($"/api/v1/tickets/{r.Ticket.Id}", r.Ticket.ToSummary());
    }

    public static async Task<Results<NoContent, NotFound>> Delete(TouchpointDb db, ChannelFiles files, long id, CancellationToken ct) =>
        await QuarantineRelease.DeleteAsync(db, files, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
