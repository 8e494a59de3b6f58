using Touchpoint.Data.Store;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Voice;

/// <summary>One message to send by email.</summary>
public sealed record MailMessage(string To, string Subject, string Body, string Kind, long? CustomerId, string? RefKind, long? RefId, long? TicketId = null);

/// <summary>
/// Queues email for the Voice feature. <see cref="OutboxMail"/> writes the message to outbox_messages in the caller's
/// transaction (so an invitation and its email are stored together or not at all); <see cref="OutboxSender"/> then
/// sends it through the platform's SMTP relay with retries.
/// </summary>
public interface IOutboundMail
{
    Task QueueAsync(TouchpointDb db, MailMessage message, DateTime nowUtc, CancellationToken ct);
}

public sealed class OutboxMail : IOutboundMail
{
    public Task QueueAsync(TouchpointDb db, MailMessage m, DateTime nowUtc, CancellationToken ct)
    {
        db.OutboxMessages.Add(new OutboxMessage
        {
            To = m.To, Subject = m.Subject, Body = m.Body, Kind = m.Kind, CustomerId = m.CustomerId, RefKind = m.RefKind, RefId = m.RefId, TicketId = m.TicketId, CreatedAtUtc = nowUtc,
        });
        return Task.CompletedTask;
    }
}
