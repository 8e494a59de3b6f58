using Microsoft.EntityFrameworkCore;
using MimeKit;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Data.Service.Channels;

/// <summary>What a release did: the ticket it opened, or why it could not.</summary>
public sealed record ReleaseResult(Ticket? Ticket, IReadOnlyList<FieldError> Errors);

/// <summary>
/// A person's decision about a quarantined message: release it into a new ticket (the agent judged it real), or
/// delete it. Releasing reads what it can from the raw bytes (sanitised text when the MIME parses, the bytes as
/// Latin-1 text when it does not), so even a broken message reaches an agent; the raw file stays on disk.
/// </summary>
public static class QuarantineRelease
{
    private const int MaxBody = 20_000;

    public static async Task<ReleaseResult?> ReleaseAsync(TouchpointDb db, ChannelFiles files, long id, long? customerId, DateTime nowUtc, CancellationToken ct)
    {
        var q = await db.Set<QuarantinedMessage>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (q is null) return null;
        if (q.TicketMessageId is { } mid)
        {
            var on = await db.TicketMessages.Where(m => m.Id == mid).Select(m => (long?)m.TicketId).FirstOrDefaultAsync(ct);
            return Refused("id", $"its message is already on ticket #{on}; only the held-back part is kept here, so delete it when done");
        }
        var raw = File.Exists(files.FullPath(q.StoragePath)) ? await File.ReadAllBytesAsync(files.FullPath(q.StoragePath), ct) : [];
        var (subject, body, sender) = Read(raw, q);
        if (customerId is { } chosen)
        {
            if (!await db.Customers.AnyAsync(c => c.Id == chosen, ct)) return Refused("customerId", $"no customer has id {chosen}");
        }
        else if (sender is null)
        {
            return Refused("customerId", "the message has no sender address; choose the customer it belongs to");
        }
        else
        {
            var handle = new CustomerRef(IdentityKind.Email, CustomerIdentity.Normalise(IdentityKind.Email, sender));
            customerId = (await CustomerResolver.ResolveAsync(db, [handle], nowUtc, ct))[handle];
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = await TicketThread.OpenAsync(db, customerId.Value, subject, TicketPriority.Normal, null,
            new IncomingMessage(AuthorKind.Customer, body, QuarantineChannel(q), q.ReceivedAtUtc), "quarantine", ct);
        await TicketThread.AppendAsync(db, r.Ticket, new IncomingMessage(AuthorKind.System,
            $"Released from quarantine by an agent. It was held because: {q.Reason}", QuarantineChannel(q), nowUtc, IsInternal: true), "quarantine", ct);
        await db.Set<QuarantinedMessage>().Where(x => x.Id == id).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return new ReleaseResult(r.Ticket, []);
    }

    /// <summary>Deletes the entry and its raw bytes: a person decided it is not worth keeping (spam, a loop).</summary>
    public static async Task<bool> DeleteAsync(TouchpointDb db, ChannelFiles files, long id, CancellationToken ct)
    {
        var q = await db.Set<QuarantinedMessage>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (q is null) return false;
        await db.Set<QuarantinedMessage>().Where(x => x.Id == id).ExecuteDeleteAsync(ct);
        var path = files.FullPath(q.StoragePath);
        // Another entry may share the bytes (the same file delivered twice); only the last one takes them along.
        if (File.Exists(path) && !await db.Set<QuarantinedMessage>().AnyAsync(x => x.StoragePath == q.StoragePath, ct)) File.Delete(path);
        return true;
    }

    private static string QuarantineChannel(QuarantinedMessage q) => q.Channel is { Length: > 0 } c ? c : "email";

    private static ReleaseResult Refused(string field, string message) => new(null, [new FieldError(field, message)]);

    private static (string Subject, string Body, string? Sender) Read(byte[] raw, QuarantinedMessage q)
    {
        string? sender = q.Sender.Contains('@') ? q.Sender : null;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            var message = MimeMessage.Load(EmailIntake.Parsing, stream);
            sender ??= message.From.Mailboxes.FirstOrDefault(m => m.Address.Contains('@'))?.Address;
            var (text, _) = MailBodies.Of(message);
            var subject = string.IsNullOrWhiteSpace(message.Subject) ? q.Subject : message.Subject.Trim();
            return (Title(subject), Clip(ChannelText.Clean(text)), sender);
        }
        catch (Exception e) when (e is FormatException or ParseException)
        {
            // Unreadable as MIME: show the bytes as text, cleaned of control characters, so nothing is hidden from the agent.
            return (Title(q.Subject), Clip(ChannelText.Clean(System.Text.Encoding.Latin1.GetString(raw))), sender);
        }
    }

    private static string Title(string subject) => Quarantine.Clip(string.IsNullOrWhiteSpace(subject) ? "(released from quarantine)" : subject.Trim(), 500);

    private static string Clip(string body) => body.Length > MaxBody ? body[..MaxBody] + "\n[… cut; the whole message is kept in the quarantine file]" : body is "" ? "(empty message)" : body;
}
