using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Voice;

/// <summary>What one pass over the outbox did.</summary>
public sealed record OutboxPass(int Sent, int Retrying, int Failed);

/// <summary>
/// Drains <c>outbox_messages</c> through the platform's one SMTP sender (<see cref="RelaySender"/>). Each message is
/// claimed with a conditional update first (Pending → Sending), so two passes (a second process, the timer and a
/// test) never send it twice. A relay failure is kept on the message and retried after 1, 4, 16, 64 minutes; after
/// <see cref="MaxAttempts"/> the message is Failed with the relay's last answer. A message tied to a ticket goes out
/// as a reply in that ticket's email thread (In-Reply-To, References, "[#id]" subject, the ticket's mailbox), so the
/// CSAT question after a solve lands in the conversation the customer already has.
/// </summary>
public sealed class OutboxSender(TouchpointDbFactory factory, RelaySender relay, EmailSettings settings, VoiceOptions options, TimeProvider clock, ILogger<OutboxSender> log)
{
    public const int MaxAttempts = 5;
    private const int Batch = 100;

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Pow(4, Math.Max(0, attempts - 1)));

    public async Task<OutboxPass> SendPendingAsync(CancellationToken ct)
    {
        // Without a relay the messages wait (Pending) rather than burn their attempts.
        if (!relay.IsConfigured) return new(0, 0, 0);
        var now = clock.GetUtcNow().UtcDateTime;
        List<long> ids;
        await using (var db = factory.Create())
        {
            // A process that died mid-send leaves its claim behind; after ten minutes the message is tried again
            // (at least once: the relay may have taken it just before the crash).
            await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending && m.NextAttemptAtUtc < now.AddMinutes(-10))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Pending), ct);
            ids = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && (m.NextAttemptAtUtc == null || m.NextAttemptAtUtc <= now))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(Batch).ToListAsync(ct);
        }
        int sent = 0, retrying = 0, failed = 0;
        foreach (var id in ids)
        {
            await using var db = factory.Create();
            var claimed = await db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.NextAttemptAtUtc, now), ct);
            if (claimed == 0) continue;
            var message = await db.OutboxMessages.FirstAsync(m => m.Id == id, ct);
            message.Attempts++;
            try
            {
                var mail = await MimeAsync(db, message, ct);
                await relay.SendAsync(mail, ct);
                message.Status = OutboxStatus.Sent;
                message.SentAtUtc = clock.GetUtcNow().UtcDateTime;
                message.MessageId = mail.MessageId;
                message.LastError = null;
                if (message.RefKind == "survey_invitation" && message.RefId is { } inv)
                    await db.SurveyInvitations.Where(i => i.Id == inv && i.DeliveredAtUtc == null)
                        .ExecuteUpdateAsync(u => u.SetProperty(i => i.DeliveredAtUtc, message.SentAtUtc), ct);
                sent++;
            }
            catch (EmailNotSentException e)
            {
                message.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                if (message.Attempts >= MaxAttempts) { message.Status = OutboxStatus.Failed; failed++; }
                else { message.Status = OutboxStatus.Pending; message.NextAttemptAtUtc = now + Backoff(message.Attempts); retrying++; }
                log.LogWarning("Outbox message {Id} to the relay failed (attempt {Attempt}): {Error}", message.Id, message.Attempts, e.Message);
            }
            // Saved with CancellationToken.None: once the relay took the message, its state must be written.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return new(sent, retrying, failed);
    }

    private async Task<MimeMessage> MimeAsync(TouchpointDb db, OutboxMessage m, CancellationToken ct)
    {
        var mail = new MimeMessage
        {
            MessageId = $"{Guid.NewGuid():N}@{settings.MessageIdDomain}",
            Date = clock.GetUtcNow(),
            Subject = m.Subject,
            Body = new TextPart("plain") { Text = m.Body },
        };
        mail.To.Add(MailboxAddress.Parse(m.To));
        var ticket = m.TicketId is { } tid ? await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tid, ct) : null;
        if (ticket is not null)
        {
            var mailbox = await EmailOutbox.MailboxFor(db, ticket, null, ct);
            mail.From.Add(new MailboxAddress(mailbox.Name, mailbox.Address));
            mail.Subject = TicketReference.ReplySubject(ticket.Subject, ticket.Id);
            var thread = await EmailOutbox.ThreadAsync(db, ticket.Id, ct);
            if (thread.LastOrDefault(t => t.Direction == EmailDirections.Inbound) is { } last) mail.InReplyTo = last.MessageId;
            foreach (var id in thread.Select(t => t.MessageId).Where(id => id.Length > 0).TakeLast(20)) mail.References.Add(id);
            return mail;
        }
        mail.From.Add(await SenderAsync(db, ct));
        return mail;
    }

    /// <summary>Voice:MailFrom, else the first mailbox, else surveys@ the Message-ID domain.</summary>
    private async Task<MailboxAddress> SenderAsync(TouchpointDb db, CancellationToken ct)
    {
        if (options.MailFrom is { Length: > 0 } from) return MailboxAddress.Parse(from);
        var first = await db.Set<Mailbox>().AsNoTracking().OrderBy(x => x.Id).FirstOrDefaultAsync(ct);
        return first is not null ? new MailboxAddress(first.Name, first.Address) : new MailboxAddress("Touchpoint", $"surveys@{settings.MessageIdDomain}");
    }
}
