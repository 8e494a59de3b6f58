using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Web.Api;
using Touchpoint.Web.Features.Service.Workspace;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Service;

/// <summary>The services every ticket-work handler needs.</summary>
public sealed record TicketWork(TouchpointDb Db, ServiceClock Clock, TicketChangeNotifier Notifier, ClaimsPrincipal User)
{
    public long? UserId => Actor.UserId(User);
}

/// <summary>
/// Ticket work on /api/v1/tickets: change properties, merge, split, apply a macro, bulk actions, read the audit
/// trail. Every change goes through TicketThread, which checks the rules and writes the audit entry.
/// </summary>
public static class TicketWorkApi
{
    public const int MaxBulk = 500;

    public static RouteGroupBuilder MapTicketWork(this RouteGroupBuilder g)
    {
        g.MapPatch("/{id:long}", Change).RequireAuthorization(Policies.Agent);
        g.MapPost("/{id:long}/merge", Merge).RequireAuthorization(Policies.Agent);
        g.MapPost("/{id:long}/split", Split).RequireAuthorization(Policies.Agent);
        g.MapPost("/{id:long}/macros/{macroId:long}", ApplyMacro).RequireAuthorization(Policies.Agent);
        g.MapPost("/bulk", Bulk).RequireAuthorization(Policies.Agent);
        g.MapGet("/{id:long}/audit", Audit).RequireAuthorization(Policies.Read);
        return g;
    }

    /// <summary>Changes status, priority, assignee, team, tags and custom fields together: all or nothing.</summary>
    public static async Task<Results<Ok<TicketDetail>, NotFound, ValidationProblem>> Change([AsParameters] TicketWork w, long id, TicketChangeInput input, CancellationToken ct)
    {
        var ticket = await w.Db.Tickets.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null) return TypedResults.NotFound();
        var (edit, errors) = input.ToEdit(ticket);
        if (errors.Count > 0) return Validation.Problem(errors);
        if (edit.IsEmpty) return Validation.Problem(("body", "name at least one of status, priority, assigneeId, teamId, tags, addTags, removeTags, fields"));
        await using var tx = await w.Db.Database.BeginTransactionAsync(ct);
        var problems = await TicketThread.EditAsync(w.Db, ticket, edit, w.Clock.NowUtc, w.UserId, "service", ct);
        if (problems.Count > 0) return Validation.Problem(problems);
        await w.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        w.Notifier.Notify(id);
        return TypedResults.Ok((await TicketQueries.DetailAsync(w.Db, w.Clock, id, ct))!);
    }

    public static async Task<Results<Ok<TicketDetail>, NotFound, ValidationProblem>> Merge([AsParameters] TicketWork w, long id, MergeInput input, CancellationToken ct)
    {
        if (input.TargetId is not { } targetId) return Validation.Problem(("targetId", "is required"));
        var source = await w.Db.Tickets.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (source is null) return TypedResults.NotFound();
        var target = await w.Db.Tickets.FirstOrDefaultAsync(t => t.Id == targetId, ct);
        if (target is null) return Validation.Problem(("targetId", $"no ticket has id {targetId}"));
        await using var tx = await w.Db.Database.BeginTransactionAsync(ct);
        if (await TicketThread.MergeAsync(w.Db, source, target, w.Clock.NowUtc, w.UserId, "service", ct) is { } why)
            return Validation.Problem(("targetId", why));
        await w.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        w.Notifier.Notify([id, targetId]);
        return TypedResults.Ok((await TicketQueries.DetailAsync(w.Db, w.Clock, targetId, ct))!);
    }

    public static async Task<Results<Created<TicketDetail>, NotFound, ValidationProblem>> Split([AsParameters] TicketWork w, long id, SplitInput input, CancellationToken ct)
    {
        var ticket = await w.Db.Tickets.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null) return TypedResults.NotFound();
        var subject = string.IsNullOrWhiteSpace(input.Subject) ? $"Split from #{id}: {ticket.Subject}" : input.Subject.Trim();
        if (subject.Length > 500) return Validation.Problem(("subject", "is longer than 500 characters"));
        await using var tx = await w.Db.Database.BeginTransactionAsync(ct);
        var (created, problem) = await TicketThread.SplitAsync(w.Db, ticket, (input.MessageIds ?? []).Distinct().ToList(), subject, w.Clock.NowUtc, w.UserId, "service", ct);
        if (created is null) return Validation.Problem((problem!.Field, problem.Message));
        await w.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        w.Notifier.Notify([id, created.Id]);
        return TypedResults.Created($"/api/v1/tickets/{created.Id}", (await TicketQueries.DetailAsync(w.Db, w.Clock, created.Id, ct))!);
    }

    /// <summary>Renders the macro's reply for this ticket and agent, posts it, then applies its actions; all or nothing.</summary>
    public static async Task<Results<Ok<TicketDetail>, NotFound, ValidationProblem>> ApplyMacro([AsParameters] TicketWork w, long id, long macroId,
        ApplyMacroInput input, CancellationToken ct)
    {
        var ticket = await w.Db.Tickets.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null) return TypedResults.NotFound();
        var macro = await w.Db.Macros.AsNoTracking().FirstOrDefaultAsync(m => m.Id == macroId, ct);
        if (macro is null) return Validation.Problem(("macroId", $"no macro has id {macroId}"));
        await using var tx = await w.Db.Database.BeginTransactionAsync(ct);
        var problems = await MacroApplication.ApplyAsync(w.Db, ticket, macro, input.Internal, w.UserId, Actor.Name(w.User), w.Clock.NowUtc, "macro", ct);
        if (problems.Count > 0) return Validation.Problem(problems); // the transaction is not committed: the reply is not kept either
        await tx.CommitAsync(ct);
        w.Notifier.Notify(ticket.Id);
        return TypedResults.Ok((await TicketQueries.DetailAsync(w.Db, w.Clock, ticket.Id, ct))!);
    }

    /// <summary>The same change on many tickets, each in its own transaction and through the same rules; failures are reported per ticket.</summary>
    public static async Task<Results<Ok<BulkResult>, ValidationProblem>> Bulk([AsParameters] TicketWork w, BulkInput input, CancellationToken ct)
    {
        var ids = (input.TicketIds ?? []).Distinct().ToList();
        if (ids.Count == 0) return Validation.Problem(("ticketIds", "name at least one ticket"));
        if (ids.Count > MaxBulk) return Validation.Problem(("ticketIds", $"at most {MaxBulk} tickets at a time"));
        var (probe, shape) = input.ToEdit(new Ticket());
        if (shape.Count > 0) return Validation.Problem(shape); // a malformed request fails as a whole, before any ticket changes
        if (probe.IsEmpty) return Validation.Problem(("body", "name at least one of status, priority, assigneeId, teamId, tags, addTags, removeTags, fields"));
        var changed = new List<long>();
        var failed = new List<BulkFailure>();
        foreach (var id in ids)
        {
            w.Db.ChangeTracker.Clear();
            var ticket = await w.Db.Tickets.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (ticket is null)
            {
                failed.Add(new BulkFailure(id, new Dictionary<string, string[]> { ["ticketIds"] = [$"no ticket has id {id}"] }));
                continue;
            }
            var (edit, _) = input.ToEdit(ticket);
            await using var tx = await w.Db.Database.BeginTransactionAsync(ct);
            var problems = await TicketThread.EditAsync(w.Db, ticket, edit, w.Clock.NowUtc, w.UserId, "bulk", ct);
            if (problems.Count > 0)
            {
                failed.Add(new BulkFailure(id, problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray())));
                continue;
            }
            await w.Db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            changed.Add(id);
        }
        w.Notifier.Notify(changed);
        return TypedResults.Ok(new BulkResult(changed, failed));
    }

    public static async Task<Results<Ok<IReadOnlyList<AuditDto>>, NotFound>> Audit(TouchpointDb db, ServiceClock clock, long id, CancellationToken ct)
    {
        var d = await TicketQueries.DetailAsync(db, clock, id, ct);
        return d is null ? TypedResults.NotFound() : TypedResults.Ok(d.Audit);
    }
}
