using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service;

namespace Touchpoint.Web.Features.Service.Workspace;

/// <summary>
/// What the agent workspace does to a ticket, through the same TicketThread rules as the API: each call is one
/// transaction, answers the problems by field (nothing changed) or none (saved), and tells the notifier so every
/// open page showing the ticket refreshes.
/// </summary>
public sealed class TicketDesk(TouchpointDbFactory dbFactory, ServiceClock clock, TicketChangeNotifier notifier)
{
    public Task<IReadOnlyList<FieldError>> ReplyAsync(long ticketId, string body, bool isInternal, TicketStatus? thenStatus, long? userId, CancellationToken ct) =>
        RunAsync(ticketId, async (db, ticket) =>
        {
            if (string.IsNullOrWhiteSpace(body)) return [new("body", "Write a reply first.")];
            if (body.Length > 100_000) return [new("body", "The reply is longer than 100,000 characters.")];
            if (ticket.MergedIntoId is { } m) return [new("body", $"This ticket was merged into #{m}; reply there.")];
            var now = clock.NowUtc;
            var result = await TicketThread.AppendAsync(db, ticket, new IncomingMessage(AuthorKind.Agent, body, ticket.Channel, now, AuthorUserId: userId, IsInternal: isInternal), "service", ct);
            if (thenStatus is { } s) return await TicketThread.EditAsync(db, result.Ticket, new TicketEdit { Status = s }, now, userId, "service", ct);
            return [];
        }, ct);

    public Task<IReadOnlyList<FieldError>> EditAsync(long ticketId, TicketEdit edit, long? userId, CancellationToken ct) =>
        RunAsync(ticketId, (db, ticket) => TicketThread.EditAsync(db, ticket, edit, clock.NowUtc, userId, "service", ct), ct);

    public Task<IReadOnlyList<FieldError>> ApplyMacroAsync(long ticketId, long macroId, bool? asInternal, long? userId, string agentName, CancellationToken ct) =>
        RunAsync(ticketId, async (db, ticket) =>
        {
            var macro = await db.Macros.AsNoTracking().FirstOrDefaultAsync(m => m.Id == macroId, ct);
            if (macro is null) return [new("macroId", "That macro no longer exists.")];
            return await MacroApplication.ApplyAsync(db, ticket, macro, asInternal, userId, agentName, clock.NowUtc, "macro", ct);
        }, ct);

    private async Task<IReadOnlyList<FieldError>> RunAsync(long ticketId, Func<TouchpointDb, Ticket, Task<IReadOnlyList<FieldError>>> work, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return [new("ticket", $"Ticket #{ticketId} no longer exists.")];
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var problems = await work(db, ticket);
        if (problems.Count > 0) return problems;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        notifier.Notify(ticketId);
        return [];
    }
}
