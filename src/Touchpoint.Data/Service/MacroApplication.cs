using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service;

namespace Touchpoint.Data.Service;

/// <summary>
/// Applies a macro to a ticket: renders its reply with the ticket's customer and the acting agent, appends it through
/// <see cref="TicketThread.AppendAsync"/> (so a reply to a new ticket opens it, as any reply does), then applies its
/// actions through <see cref="TicketThread.EditAsync"/>. The reply comes first so "reply and solve" counts as a
/// response before the solve. Saves; the caller owns the transaction and must not commit when problems come back.
/// </summary>
public static class MacroApplication
{
    public static async Task<IReadOnlyList<FieldError>> ApplyAsync(TouchpointDb db, Ticket ticket, Macro macro, bool? asInternal, long? byUserId,
        string agentName, DateTime atUtc, string source, CancellationToken ct)
    {
        if (ticket.MergedIntoId is { } merged) return [new("ticket", $"#{ticket.Id} was merged into #{merged}; work on that ticket instead")];
        if (ticket.Status == TicketStatus.Closed) return [new("ticket", $"#{ticket.Id} is closed, and closed tickets are final")];
        if (!string.IsNullOrWhiteSpace(macro.Body))
        {
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == ticket.CustomerId).Select(c => new { c.Name, c.Email }).FirstAsync(ct);
            var text = MacroTemplate.Render(macro.Body, new MacroContext(customer.Name, customer.Email, ticket.Id, ticket.Subject, agentName));
            await TicketThread.AppendAsync(db, ticket, new IncomingMessage(AuthorKind.Agent, text, ticket.Channel, atUtc, AuthorUserId: byUserId,
                IsInternal: asInternal ?? macro.Internal), source, ct);
        }
        var problems = await TicketThread.EditAsync(db, ticket, macro.Edit(), atUtc, byUserId, source, ct);
        if (problems.Count > 0) return problems;
        TicketThread.Audit(db, ticket, atUtc, byUserId, source, "macro", null, macro.Name);
        await db.SaveChangesAsync(ct);
        return [];
    }
}
