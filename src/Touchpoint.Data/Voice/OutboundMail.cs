using Touchpoint.Data.Store;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Voice;

/// <summary>One message to send by email.</summary>
public sealed record MailMessage(string To, string Subject, string Body, string Kind, long? CustomerId, string? RefKind, long? RefId);

/// <summary>
/// Sends email for the Voice feature. The default, <see cref="OutboxMail"/>, only writes the message to the
/// outbox_messages table (in the caller's transaction); the channels feature supplies the SMTP sender later, which
/// drains that table. Replacing this registration is the only change that needs.
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
            To = m.To, Subject = m.Subject, Body = m.Body, Kind = m.Kind, CustomerId = m.CustomerId, RefKind = m.RefKind, RefId = m.RefId, CreatedAtUtc = nowUtc,
        });
        return Task.CompletedTask;
    }
}
