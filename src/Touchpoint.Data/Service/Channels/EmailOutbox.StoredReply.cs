using Microsoft.EntityFrameworkCore;
using MimeKit;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Data.Service.Channels;

public sealed partial class EmailOutbox
{
    /// <summary>
    /// Mails an agent reply that is already on the ticket (a chat reply to a visitor who left after hours). The message
    /// is not stored again; its envelope is kept in email_details, and the "[#id]" subject brings the customer's answer
    /// back to the same ticket. Throws <see cref="EmailNotSentException"/> when it cannot go out.
    /// </summary>
    public async Task<MimeMessage> MailStoredReplyAsync(long messageId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var (message, mailbox, mail) = await StoredReplyAsync(db, messageId, ct);
        await SendAsync(mail, ct);
        AddDetail(db, message.Id, mailbox, mail);
        await db.SaveChangesAsync(ct);
        return mail;
    }

    /// <summary>
    /// Mails a routing rule's automatic reply that is already on the ticket. The envelope row is written before the
    /// relay is called and committed only after it accepted the mail: the row's key is the message id, so two passes
    /// or two hosts can never both send it. Throws <see cref="EmailNotSentException"/> when it cannot go out; nothing
    /// is written then.
    /// </summary>
    public async Task<MimeMessage> MailAutomaticReplyAsync(long messageId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var (message, mailbox, mail) = await StoredReplyAsync(db, messageId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        AddDetail(db, message.Id, mailbox, mail);
        await db.SaveChangesAsync(ct);
        await SendAsync(mail, ct);
        await tx.CommitAsync(ct);
        return mail;
    }

    /// <summary>
    /// The mail of a stored reply, threaded like an agent reply (In-Reply-To the customer's last mail, References,
    /// "[#id]" in the subject), only to the customer: an acknowledgement or a chat line is not for everyone on CC.
    /// An automatic reply is marked "Auto-Submitted: auto-replied" (RFC 3834), so the customer's own auto-responder
    /// does not answer it and start a loop.
    /// </summary>
    private async Task<(TicketMessage Message, Mailbox Mailbox, MimeMessage Mail)> StoredReplyAsync(TouchpointDb db, long messageId, CancellationToken ct)
    {
        var message = await db.TicketMessages.AsNoTracking().FirstAsync(m => m.Id == messageId, ct);
        var ticket = await db.Tickets.AsNoTracking().FirstAsync(t => t.Id == message.TicketId, ct);
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == ticket.CustomerId, ct);
        if (string.IsNullOrWhiteSpace(customer.Email)) throw new EmailNotSentException("customer", "the customer has no email address");
        var mailbox = await MailboxFor(db, ticket, null, ct);
        var thread = await ThreadAsync(db, ticket.Id, ct);
        var mail = NewMessage(mailbox, TicketReference.ReplySubject(ticket.Subject, ticket.Id));
        mail.To.Add(new MailboxAddress(customer.Name, customer.Email));
        if (message.IsAutomatic) mail.Headers.Add("Auto-Submitted", "auto-replied");
        var lastInbound = thread.LastOrDefault(t => t.Direction == EmailDirections.Inbound);
        if (lastInbound is not null) mail.InReplyTo = lastInbound.MessageId;
        foreach (var id in thread.Select(t => t.MessageId).Where(id => id.Length > 0).TakeLast(20)) mail.References.Add(id);
        mail.Body = new TextPart("plain") { Text = WithSignature(message.Body, mailbox) };
        return (message, mailbox, mail);
    }
}
