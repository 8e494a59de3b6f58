using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Data.Service.Channels;

/// <summary>Settings shared by email intake and sending.</summary>
public sealed record EmailSettings(string MessageIdDomain = "touchpoint.local");

public enum EmailOutcome { Stored, Duplicate, Automatic, Quarantined }

/// <summary>What became of one received email.</summary>
public sealed record EmailIntakeResult(EmailOutcome Outcome, long? TicketId = null, long? MessageId = null, string? Reason = null, long? QuarantineId = null);

/// <summary>
/// Turns one received email (from the SMTP receiver or an IMAP poll) into a ticket message through
/// <see cref="TicketThread"/>: threads it, keeps CC as participants, stores attachments, marks auto-replies, bounces
/// and loops as automatic, and quarantines what cannot be stored, with the reason. Nothing received is dropped.
/// </summary>
public sealed class EmailIntake(TouchpointDbFactory dbs, ChannelFiles files, EmailSettings settings, TimeProvider clock)
{
    public const string Channel = "email";
    private const string Source = "email";

    internal static readonly ParserOptions Parsing = new()
    {
        // Mail that lies about its charset is common; Latin-1 never fails to decode, so no byte is lost.
        CharsetEncoding = System.Text.Encoding.Latin1,
        AllowAddressesWithoutDomain = true,
        AddressParserComplianceMode = RfcComplianceMode.Looser,
        ParameterComplianceMode = RfcComplianceMode.Looser,
    };

    public async Task<EmailIntakeResult> ReceiveAsync(byte[] raw, long? mailboxId, DateTime? receivedAtUtc, CancellationToken ct)
    {
        var now = receivedAtUtc ?? clock.GetUtcNow().UtcDateTime;
        await using var db = dbs.Create();
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            message = await MimeMessage.LoadAsync(Parsing, stream, ct);
        }
        catch (Exception e) when (e is FormatException or ParseException)
        {
            return Quarantined(await Quarantine.KeepAsync(db, files, Channel, "unparseable MIME: " + e.Message, raw, "", "", now, ct));
        }

        var from = (message.From.Mailboxes.FirstOrDefault() ?? message.Sender) is { } fm && fm.Address.Contains('@') ? fm : null;
        if (from is null)
            return Quarantined(await Quarantine.KeepAsync(db, files, Channel, "no sender: the message has no From address", raw, "", message.Subject ?? "", now, ct));
        var fromAddress = CustomerIdentity.Normalise(IdentityKind.Email, from.Address);
        var externalId = string.IsNullOrWhiteSpace(message.MessageId)
            ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw))   // the same bytes delivered twice still dedupe
            : message.MessageId.Trim();
        var existing = await db.TicketMessages.AsNoTracking().Where(m => m.Channel == Channel && m.ExternalId == externalId)
            .Select(m => new { m.Id, m.TicketId }).FirstOrDefaultAsync(ct);
        if (existing is not null) return new EmailIntakeResult(EmailOutcome.Duplicate, existing.TicketId, existing.Id);

        var mailboxes = await db.Set<Mailbox>().AsNoTracking().ToListAsync(ct);
        var ownAddresses = mailboxes.Select(m => m.Address).ToHashSet();
        var mailbox = mailboxes.FirstOrDefault(m => m.Id == mailboxId) ?? RecipientMailbox(message, mailboxes);
        var minuteAgo = now.AddMinutes(-1);
        var recent = await db.Set<EmailDetail>().Where(d => d.From == fromAddress && d.Direction == EmailDirections.Inbound)
            .Join(db.TicketMessages, d => d.TicketMessageId, m => m.Id, (d, m) => m.CreatedAtUtc)
            .CountAsync(t => t >= minuteAgo, ct);
        var automatic = AutomaticMail.Reason(new MailSignals(
            h => message.Headers[h], fromAddress, message.MessageId, message.Body?.ContentType.MimeType,
            message.Body?.ContentType.Parameters["report-type"], recent), settings.MessageIdDomain, ownAddresses);

        // Customers first: the resolver clears the change tracker when it creates profiles.
        var copied = message.To.Mailboxes.Concat(message.Cc.Mailboxes)
            .Where(m => m.Address.Contains('@')).Select(m => CustomerIdentity.Normalise(IdentityKind.Email, m.Address))
            .Where(a => a != fromAddress && !ownAddresses.Contains(a)).Distinct().Take(50).ToList();
        var refs = new[] { fromAddress }.Concat(automatic is null ? copied : []).Select(a => new CustomerRef(IdentityKind.Email, a)).ToList();
        var customers = await CustomerResolver.ResolveAsync(db, refs, now, ct);
        var customerId = customers[refs[0]];
        await NameFromDisplayName(db, customerId, fromAddress, from.Name, ct);

        var (text, html) = MailBodies.Of(message);
        var subject = string.IsNullOrWhiteSpace(message.Subject) ? "(no subject)" : Quarantine.Clip(message.Subject.Trim(), 500);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ticket = await EmailThreading.FindAsync(db, message, customerId, ct);
        if (automatic is not null && ticket is null)
        {
            var q = await Quarantine.KeepAsync(db, files, Channel, automatic + "; it answers no ticket, so it was not put in the inbox", raw, fromAddress, subject, now, ct);
            await tx.CommitAsync(ct);
            return new EmailIntakeResult(EmailOutcome.Automatic, Reason: automatic, QuarantineId: q.Id);
        }

        var incoming = new IncomingMessage(automatic is null ? AuthorKind.Customer : AuthorKind.System, text, Channel, now,
            BodyHtml: html, IsAutomatic: automatic is not null, ExternalId: externalId, MailboxId: mailbox?.Id);
        ThreadResult result;
        try
        {
            result = ticket is null
                ? await TicketThread.OpenAsync(db, customerId, subject, TicketPriority.Normal, mailbox?.TeamId, incoming, Source, ct)
                : await TicketThread.AppendAsync(db, ticket, incoming, Source, ct);
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            // A concurrent delivery of the same message won the unique (channel, external id) index.
            if (await IsDuplicateAsync(externalId, ct)) return new EmailIntakeResult(EmailOutcome.Duplicate);
            throw;
        }
        if (result.Duplicate) return new EmailIntakeResult(EmailOutcome.Duplicate, result.Ticket.Id, result.Message.Id);

        var messageId = result.Message.Id;
        db.Set<EmailDetail>().Add(new EmailDetail
        {
            TicketMessageId = messageId, MailboxId = mailbox?.Id, Direction = EmailDirections.Inbound, From = fromAddress,
            To = Quarantine.Clip(message.To.ToString(), 4000), Cc = Quarantine.Clip(message.Cc.ToString(), 4000), Bcc = Quarantine.Clip(message.Bcc.ToString(), 4000),
            Subject = Quarantine.Clip(message.Subject ?? "", 1000), MessageId = externalId, InReplyTo = message.InReplyTo,
            References = Quarantine.Clip(string.Join(" ", message.References), 8000), AutomaticReason = automatic,
        });
        await AddParticipantsAsync(db, result.Ticket, customers.Where(c => copied.Contains(c.Key.Value)).Select(c => c.Value), now, ct);
        var note = await StoreAttachmentsAsync(db, message, messageId, fromAddress, subject, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new EmailIntakeResult(automatic is null ? EmailOutcome.Stored : EmailOutcome.Automatic, result.Ticket.Id, messageId, automatic ?? note);
    }

    private static EmailIntakeResult Quarantined(QuarantinedMessage q) => new(EmailOutcome.Quarantined, Reason: q.Reason, QuarantineId: q.Id);

    private async Task<bool> IsDuplicateAsync(string externalId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        return await db.TicketMessages.AnyAsync(m => m.Channel == Channel && m.ExternalId == externalId, ct);
    }

    private static Mailbox? RecipientMailbox(MimeMessage message, List<Mailbox> mailboxes)
    {
        var to = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(m => m.Address.ToLowerInvariant()).ToHashSet();
        return mailboxes.FirstOrDefault(m => to.Contains(m.Address));
    }

    /// <summary>A profile created from a bare address takes the display name the customer's mail client sent.</summary>
    private static async Task NameFromDisplayName(TouchpointDb db, long customerId, string address, string? displayName, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(displayName)) return;
        var c = await db.Customers.FirstAsync(x => x.Id == customerId, ct);
        if (c.Name != address) return;
        c.Name = Quarantine.Clip(displayName.Trim(), 300);
        await db.SaveChangesAsync(ct);
    }

    private static async Task AddParticipantsAsync(TouchpointDb db, Ticket ticket, IEnumerable<long> customerIds, DateTime now, CancellationToken ct)
    {
        var wanted = customerIds.Where(id => id != ticket.CustomerId).Distinct().ToList();
        if (wanted.Count == 0) return;
        var already = await db.Set<TicketParticipant>().Where(p => p.TicketId == ticket.Id && wanted.Contains(p.CustomerId)).Select(p => p.CustomerId).ToListAsync(ct);
        foreach (var id in wanted.Except(already))
            db.Set<TicketParticipant>().Add(new TicketParticipant { TicketId = ticket.Id, CustomerId = id, Role = "cc", AddedAtUtc = now });
    }

    /// <summary>Stores attachments up to the per-message limit; each one that does not fit is quarantined with the reason.</summary>
    private async Task<string?> StoreAttachmentsAsync(TouchpointDb db, MimeMessage message, long messageId, string sender, string subject, DateTime now, CancellationToken ct)
    {
        long total = 0;
        var quarantined = 0;
        var n = 0;
        foreach (var part in message.Attachments.OfType<MimePart>())
        {
            n++;
            using var buffer = new MemoryStream();
            if (part.Content is not null) await part.Content.DecodeToAsync(buffer, ct);
            var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            var name = Quarantine.Clip(Path.GetFileName(part.FileName ?? $"attachment-{n}") is { Length: > 0 } f ? f : $"attachment-{n}", 255);
            if (total + bytes.Length > MailLimits.MaxAttachmentBytesPerMessage)
            {
                quarantined++;
                await Quarantine.KeepAsync(db, files, Channel,
                    $"attachment '{name}' ({MailLimits.Megabytes(bytes.Length)}) is over the limit of {MailLimits.Megabytes(MailLimits.MaxAttachmentBytesPerMessage)} per message",
                    bytes, sender, subject, now, ct, messageId, name);
                continue;
            }
            total += bytes.Length;
            var (path, sha) = await files.SaveAsync("attachments", name, bytes, ct);
            db.Set<MessageAttachment>().Add(new MessageAttachment
            {
                TicketMessageId = messageId, FileName = name, ContentType = Quarantine.Clip(part.ContentType.MimeType, 200),
                SizeBytes = bytes.Length, StoragePath = path, Sha256 = sha,
            });
        }
        return quarantined == 0 ? null : $"{quarantined} attachment(s) quarantined: over the size limit";
    }
}
