using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Data.Service.Channels;

/// <summary>What an agent sends by email.</summary>
public sealed record OutgoingEmail(long TicketId, long? AgentUserId, string Body, long? MailboxId = null, IReadOnlyList<string>? Bcc = null);

/// <summary>
/// Sends agent replies and forwards through the configured relay and stores them on the ticket through
/// <see cref="TicketThread"/>. A reply carries In-Reply-To and References of the thread and "[#id]" in the subject, so
/// the customer's mail client threads it and the answer finds its way back; the mailbox's signature is appended.
/// The message is stored only when the relay accepted it: a failed send leaves nothing half-written.
/// </summary>
public sealed partial class EmailOutbox(TouchpointDbFactory dbs, EmailSettings settings, RelaySender relay, TimeProvider clock)
{
    public async Task<(TicketMessage Message, MimeMessage Mail)> ReplyAsync(OutgoingEmail reply, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var ticket = await db.Tickets.FirstAsync(t => t.Id == reply.TicketId, ct);
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == ticket.CustomerId, ct);
        if (string.IsNullOrWhiteSpace(customer.Email)) throw new EmailNotSentException("customer", "the customer has no email address");
        var mailbox = await MailboxFor(db, ticket, reply.MailboxId, ct);
        var thread = await ThreadAsync(db, ticket.Id, ct);
        var participants = await db.Set<TicketParticipant>().Where(p => p.TicketId == ticket.Id)
            .Join(db.Customers, p => p.CustomerId, c => c.Id, (p, c) => new { c.Name, c.Email }).Where(c => c.Email != null).ToListAsync(ct);

        var mail = NewMessage(mailbox, TicketReference.ReplySubject(ticket.Subject, ticket.Id));
        mail.To.Add(new MailboxAddress(customer.Name, customer.Email));
        foreach (var p in participants) mail.Cc.Add(new MailboxAddress(p.Name, p.Email!));
        // MailKit sends Bcc in the envelope only and leaves the header out of what goes on the wire.
        foreach (var b in reply.Bcc ?? []) mail.Bcc.Add(MailboxAddress.Parse(b));
        var lastInbound = thread.LastOrDefault(t => t.Direction == EmailDirections.Inbound);
        if (lastInbound is not null) mail.InReplyTo = lastInbound.MessageId;
        foreach (var id in thread.Select(t => t.MessageId).TakeLast(20)) mail.References.Add(id);
        mail.Body = new TextPart("plain") { Text = WithSignature(reply.Body, mailbox) };

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stored = await TicketThread.AppendAsync(db, ticket,
            new IncomingMessage(AuthorKind.Agent, WithSignature(reply.Body, mailbox), EmailIntake.Channel, now, AuthorUserId: reply.AgentUserId, ExternalId: mail.MessageId),
            "email", ct);
        AddDetail(db, stored.Message.Id, mailbox, mail);
        await db.SaveChangesAsync(ct);
        await SendAsync(mail, ct);
        await tx.CommitAsync(ct);
        return (stored.Message, mail);
    }

    /// <summary>Forwards the whole conversation to someone outside (a supplier, a colleague); kept on the ticket as an internal note.</summary>
    public async Task<(TicketMessage Message, MimeMessage Mail)> ForwardAsync(long ticketId, long? agentUserId, string to, string? note, long? mailboxId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var ticket = await db.Tickets.FirstAsync(t => t.Id == ticketId, ct);
        var mailbox = await MailboxFor(db, ticket, mailboxId, ct);
        var messages = await db.TicketMessages.AsNoTracking().Where(m => m.TicketId == ticketId && !m.IsInternal)
            .OrderBy(m => m.CreatedAtUtc).ThenBy(m => m.Id).ToListAsync(ct);
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(note)) text.AppendLine(note.Trim()).AppendLine();
        text.AppendLine($"---------- Forwarded conversation: ticket #{ticket.Id}, {ticket.Subject} ----------");
        foreach (var m in messages)
            text.AppendLine().AppendLine($"[{m.CreatedAtUtc:yyyy-MM-dd HH:mm} UTC] {m.Author.ToString().ToLowerInvariant()} via {m.Channel}:").AppendLine(m.Body);

        var mail = NewMessage(mailbox, TicketReference.ForwardSubject(ticket.Subject, ticket.Id));
        mail.To.Add(MailboxAddress.Parse(to));
        mail.Body = new TextPart("plain") { Text = WithSignature(text.ToString(), mailbox) };
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stored = await TicketThread.AppendAsync(db, ticket,
            new IncomingMessage(AuthorKind.Agent, $"Forwarded to {to}." + (string.IsNullOrWhiteSpace(note) ? "" : "\n\n" + note.Trim()), EmailIntake.Channel, now,
                AuthorUserId: agentUserId, IsInternal: true, ExternalId: mail.MessageId), "email", ct);
        AddDetail(db, stored.Message.Id, mailbox, mail);
        await db.SaveChangesAsync(ct);
        await SendAsync(mail, ct);
        await tx.CommitAsync(ct);
        return (stored.Message, mail);
    }

    private MimeMessage NewMessage(Mailbox mailbox, string subject)
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(mailbox.Name, mailbox.Address));
        mail.Subject = subject;
        mail.MessageId = $"{Guid.NewGuid():N}@{settings.MessageIdDomain}";
        mail.Date = clock.GetUtcNow();
        return mail;
    }

    private static string WithSignature(string body, Mailbox mailbox) =>
        string.IsNullOrWhiteSpace(mailbox.Signature) ? body : body.TrimEnd() + "\n\n-- \n" + mailbox.Signature.Trim();

    private static void AddDetail(TouchpointDb db, long messageId, Mailbox mailbox, MimeMessage mail) =>
        db.Set<EmailDetail>().Add(new EmailDetail
        {
            TicketMessageId = messageId, MailboxId = mailbox.Id == 0 ? null : mailbox.Id, Direction = EmailDirections.Outbound,
            From = mailbox.Address, To = mail.To.ToString(), Cc = mail.Cc.ToString(), Bcc = mail.Bcc.ToString(), Subject = mail.Subject ?? "", MessageId = mail.MessageId ?? "",
            InReplyTo = mail.InReplyTo ?? null, References = string.Join(" ", mail.References),
        });

    /// <summary>The mailbox asked for, else the one the ticket's mail came to, else the ticket team's, else the first.</summary>
    internal static async Task<Mailbox> MailboxFor(TouchpointDb db, Ticket ticket, long? mailboxId, CancellationToken ct)
    {
        var set = db.Set<Mailbox>().AsNoTracking();
        if (mailboxId is { } id)
            return await set.FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new EmailNotSentException("mailboxId", $"no mailbox has id {id}");
        var used = await db.Set<EmailDetail>().Where(d => d.MailboxId != null)
            .Join(db.TicketMessages.Where(m => m.TicketId == ticket.Id), d => d.TicketMessageId, m => m.Id, (d, m) => new { d.MailboxId, m.Id })
            .OrderByDescending(x => x.Id).Select(x => x.MailboxId).FirstOrDefaultAsync(ct);
        return await set.FirstOrDefaultAsync(m => m.Id == used, ct)
            ?? await set.Where(m => m.TeamId == ticket.TeamId).OrderBy(m => m.Id).FirstOrDefaultAsync(ct)
            ?? await set.OrderBy(m => m.Id).FirstOrDefaultAsync(ct)
            ?? throw new EmailNotSentException("mailboxId", "no mailbox is set up: add one under /api/v1/channels/mailboxes");
    }

    internal static async Task<List<EmailDetail>> ThreadAsync(TouchpointDb db, long ticketId, CancellationToken ct) =>
        await db.Set<EmailDetail>().AsNoTracking().Where(d => d.Direction != EmailDirections.Unsent)
            .Join(db.TicketMessages.Where(m => m.TicketId == ticketId && !m.IsInternal), d => d.TicketMessageId, m => m.Id, (d, m) => new { d, m.CreatedAtUtc, m.Id })
            .OrderBy(x => x.CreatedAtUtc).ThenBy(x => x.Id).Select(x => x.d).ToListAsync(ct);

    private Task SendAsync(MimeMessage mail, CancellationToken ct) => relay.SendAsync(mail, ct);
}

/// <summary>A send that did not happen, with the field or setting to blame; nothing was stored.</summary>
public sealed class EmailNotSentException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
