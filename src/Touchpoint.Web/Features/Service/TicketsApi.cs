using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Service;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Data.Search;
using Touchpoint.Web.Api;
using Touchpoint.Web.Features.Service.Workspace;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Service;

/// <summary>/api/v1/tickets: list, read, open tickets and reply. Each write lands on the customer's timeline.</summary>
public static class TicketsApi
{
    public static RouteGroupBuilder MapTicketsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/tickets").WithTags("Tickets");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        g.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Agent);
        g.MapPost("/{id:long}/messages", Reply).RequireAuthorization(Policies.Agent);
        g.MapPost("/{id:long}/status", ChangeStatus).RequireAuthorization(Policies.Agent);
        g.MapTicketWork();
        return g;
    }

    public static async Task<Results<Ok<CursorPage<TicketSummary>>, ValidationProblem>> List(
        TouchpointDb db, ITicketSearch search, string? status, long? customerId, long? assigneeId, string? tag, string? q, string? cursor, int? limit, CancellationToken ct)
    {
        var (take, after, errors) = Cursor.Read(limit, cursor);
        TicketStatus? st = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (TicketWorkflow.TryParse(status, out var s)) st = s;
            else errors.Add(("status", "must be one of new, open, pending, on_hold, solved, closed"));
        }
        string? normalTag = null;
        if (tag is not null && (normalTag = TicketTags.Normalise(tag, out var tagProblem)) is null) errors.Add(("tag", tagProblem!));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        var query = db.Tickets.AsNoTracking().Where(t => t.MergedIntoId == null);
        if (st is not null) query = query.Where(t => t.Status == st);
        if (customerId is not null) query = query.Where(t => t.CustomerId == customerId);
        if (assigneeId is not null) query = query.Where(t => t.AssigneeId == assigneeId);
        if (normalTag is not null) query = query.Where(t => EF.Functions.Like(t.TagsJson, TicketTags.LikePattern(normalTag)));
        if (SearchTerms.Words(q ?? "").Count > 0) query = query.Where(t => search.Matching(db, q!).Contains(t.Id));
        var rows = await query.Where(t => after == null || t.Id < after).OrderByDescending(t => t.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows.Select(t => t.ToSummary()).ToList(), take, t => t.Id));
    }

    public static async Task<Results<Ok<TicketDetail>, NotFound>> Get(TouchpointDb db, ServiceClock sla, long id, CancellationToken ct)
    {
        var d = await TicketQueries.DetailAsync(db, sla, id, ct);
        return d is null ? TypedResults.NotFound() : TypedResults.Ok(d);
    }

    public static async Task<Results<Created<TicketDetail>, ValidationProblem>> Create(
        TouchpointDb db, TimeProvider clock, ServiceClock sla, TicketChangeNotifier notifier, TicketInput input, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (input.CustomerId is null) errors.Add(("customerId", "is required"));
        else if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct)) errors.Add(("customerId", $"no customer has id {input.CustomerId}"));
        if (string.IsNullOrWhiteSpace(input.Subject)) errors.Add(("subject", "is required"));
        else if (input.Subject.Length > 500) errors.Add(("subject", "is longer than 500 characters"));
        if (string.IsNullOrWhiteSpace(input.Message)) errors.Add(("message", "is required"));
        else if (input.Message.Length > 100_000) errors.Add(("message", "is longer than 100,000 characters"));
        var channel = (input.Channel ?? "api").Trim().ToLowerInvariant();
        if (!TicketMapping.Channels.Contains(channel)) errors.Add(("channel", "must be one of " + string.Join(", ", TicketMapping.Channels)));
        var priority = TicketPriority.Normal;
        if (input.Priority is { } p && !Enum.TryParse(p, true, out priority)) errors.Add(("priority", "must be one of low, normal, high, urgent"));
        if (input.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, ct)) errors.Add(("teamId", $"no team has id {team}"));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var opened = await TicketThread.OpenAsync(db, input.CustomerId!.Value, input.Subject!.Trim(), priority, input.TeamId,
            new IncomingMessage(AuthorKind.Customer, input.Message!, channel, now), "service", ct);
        await tx.CommitAsync(ct);
        var ticket = opened.Ticket;
        notifier.Notify(ticket.Id);
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}", (await TicketQueries.DetailAsync(db, sla, ticket.Id, ct))!);
    }

    public static async Task<Results<Created<MessageDto>, NotFound, ValidationProblem>> Reply(
        TouchpointDb db, TimeProvider clock, TicketChangeNotifier notifier, ClaimsPrincipal user, long id, ReplyInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Body)) return Validation.Problem(("body", "is required"));
        if (input.Body.Length > 100_000) return Validation.Problem(("body", "is longer than 100,000 characters"));
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null) return TypedResults.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        long? userId = long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var uid) ? uid : null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await TicketThread.AppendAsync(db, ticket,
            new IncomingMessage(AuthorKind.Agent, input.Body, ticket.Channel, now, AuthorUserId: userId, IsInternal: input.Internal), "service", ct);
        await tx.CommitAsync(ct);
        notifier.Notify(result.Ticket.Id);
        var m = result.Message;
        return TypedResults.Created($"/api/v1/tickets/{id}", m.ToDto());
    }

    /// <summary>Moves a ticket along the workflow (docs/service.md); 400 naming `status` when the move is not allowed.</summary>
    public static async Task<Results<Ok<TicketSummary>, NotFound, ValidationProblem>> ChangeStatus(
        TouchpointDb db, TimeProvider clock, TicketChangeNotifier notifier, ClaimsPrincipal user, long id, StatusInput input, CancellationToken ct)
    {
        if (!TicketWorkflow.TryParse(input.Status, out var to))
            return Validation.Problem(("status", "must be one of new, open, pending, on_hold, solved, closed"));
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null) return TypedResults.NotFound();
        long? userId = long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var uid) ? uid : null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (TicketThread.ChangeStatus(db, ticket, to, clock.GetUtcNow().UtcDateTime, userId, "service") is { } why)
            return Validation.Problem(("status", why));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        notifier.Notify(ticket.Id);
        return TypedResults.Ok(ticket.ToSummary());
    }
}

