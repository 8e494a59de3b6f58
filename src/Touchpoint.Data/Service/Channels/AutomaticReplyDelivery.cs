using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Routing;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Data.Service.Channels;

/// <summary>
/// Sends the automatic replies routing rules left on email tickets. A rule runs inside the write path's transaction,
/// where no mail may go out (a rolled-back ticket must not have been answered), so the reply is stored there and this
/// pass mails it afterwards through <see cref="EmailOutbox.MailAutomaticReplyAsync"/>. What has been handled is in the
/// store (each mailed or failed reply has its email_details row), so a restart neither repeats nor misses one.
/// A reply the relay refuses gets an internal note with the reason and is not retried: a broken relay must not fill
/// the ticket with notes. Chat tickets get their automatic replies through the chat relay; social tickets have no
/// outbound path, so their automatic replies stay on the thread (docs/routing.md).
/// </summary>
public sealed class AutomaticReplyDelivery(TouchpointDbFactory dbs, EmailOutbox outbox, TimeProvider clock)
{
    public const string CursorKey = "automatic_reply_mail";

    /// <summary>
    /// How far behind the cursor a pass looks again. On PostgreSQL a message with a lower id can commit after a higher
    /// one was handled; the email_details row (not the cursor) says whether a reply was handled, so looking back is safe.
    /// </summary>
    public const long LookBack = 1000;

    /// <summary>Starts the cursor at the newest message, so a new install does not mail replies of old tickets.</summary>
    public async Task InitialiseAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        if (await db.Set<RoutingCursor>().AnyAsync(c => c.Key == CursorKey, ct)) return;
        var last = await db.TicketMessages.MaxAsync(m => (long?)m.Id, ct) ?? 0;
        db.Set<RoutingCursor>().Add(new RoutingCursor { Key = CursorKey, Value = last });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { /* another host started it first: its cursor stands */ }
    }

    /// <summary>One pass; returns the number of replies the relay accepted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await InitialiseAsync(ct);
        await using var db = dbs.Create();
        var cursor = await db.Set<RoutingCursor>().FirstAsync(c => c.Key == CursorKey, ct);
        var from = cursor.Value - LookBack;
        var due = await db.TicketMessages.AsNoTracking()
            .Where(m => m.Id > from && m.Author == AuthorKind.System && m.IsAutomatic && !m.IsInternal && m.Channel == EmailIntake.Channel)
            .Where(m => !db.Set<EmailDetail>().Any(d => d.TicketMessageId == m.Id))
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.TicketId }).Take(200).ToListAsync(ct);
        var sent = 0;
        foreach (var m in due)
        {
            try
            {
                await outbox.MailAutomaticReplyAsync(m.Id, ct);
                sent++;
            }
            catch (EmailNotSentException e)
            {
                await RecordUnsentAsync(m.Id, m.TicketId, e.Message, ct);
            }
            catch (DbUpdateException)
            {
                // Another host claimed the same reply (the envelope's key is the message id): it sends it.
            }
        }
        var newest = await db.TicketMessages.MaxAsync(x => (long?)x.Id, ct) ?? 0;
        // Only as far as what this pass has seen: the look-back covers late commits below it.
        cursor.Value = Math.Max(cursor.Value, due.Count == 200 ? due[^1].Id : newest);
        await db.SaveChangesAsync(ct);
        return sent;
    }

    private async Task RecordUnsentAsync(long messageId, long ticketId, string reason, CancellationToken ct)
    {
        await using var db = dbs.Create();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Set<EmailDetail>().Add(new EmailDetail { TicketMessageId = messageId, Direction = EmailDirections.Unsent, AutomaticReason = reason });
        var ticket = await db.Tickets.FirstAsync(t => t.Id == ticketId, ct);
        await TicketThread.AppendAsync(db, ticket, new IncomingMessage(AuthorKind.System,
            $"The automatic reply was not emailed to the customer: {reason}.", EmailIntake.Channel, clock.GetUtcNow().UtcDateTime, IsInternal: true), "email", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
