using Microsoft.EntityFrameworkCore;
using MimeKit;
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
        var message = await db.TicketMessages.AsNoTracking().FirstAsync(m => m.Id == messageId, ct);
        var ticket = await db.Tickets.AsNoTracking().FirstAsync(t => t.Id == message.TicketId, ct);
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == ticket.CustomerId, ct);
        if (string.IsNullOrWhiteSpace(customer.Email)) throw new EmailNotSentException("customer", "the customer has no email address");
        var mailbox = await MailboxFor(db, ticket, null, ct);
        var mail = NewMessage(mailbox, TicketReference.ReplySubject(ticket.Subject, ticket.Id));
        mail.To.Add(new MailboxAddress(customer.Name, customer.Email));
        // A routing rule's reply to a chat left for email: marked so the customer's auto-responder stays quiet (RFC 3834).
        if (message.IsAutomatic) mail.Headers.Add("Auto-Submitted", "auto-replied");
        mail.Body = new TextPart("plain") { Text = WithSignature(message.Body, mailbox) };
        await SendAsync(mail, ct);
        AddDetail(db, message.Id, mailbox, mail);
        await db.SaveChangesAsync(ct);
        return mail;
    }
}
