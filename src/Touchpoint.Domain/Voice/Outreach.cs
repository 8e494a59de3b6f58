namespace Touchpoint.Domain.Voice;

/// <summary>
/// A message that is not a survey (welcome, delivery delayed, we fixed it): a plain-text email with placeholders
/// (<see cref="OutreachText"/>), sent by hand or by a journey trigger, under the same fatigue rules as invitations.
/// </summary>
public sealed class OutreachTemplate
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// One outreach send to one customer: the text as it went out (placeholders filled), or a suppressed record saying
/// why not (unsubscribed, contact limit, no email address). The token is the customer's unsubscribe link.
/// </summary>
public sealed class OutreachMessage
{
    public long Id { get; set; }
    public long TemplateId { get; set; }
    public long CustomerId { get; set; }
    public long? TriggerId { get; set; }
    public long? SourceEventId { get; set; }
    public string Token { get; set; } = "";
    public InvitationStatus Status { get; set; }
    public string? Reason { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime DueAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
}
