namespace Touchpoint.Domain.Voice;

/// <summary>A frozen definition of a survey, kept for every version that was published (answers point at it).</summary>
public sealed class SurveyVersion
{
    public long Id { get; set; }
    public long SurveyId { get; set; }
    public int Version { get; set; }
    public string DefinitionJson { get; set; } = "{}";
    public DateTime CreatedAtUtc { get; set; }
}

public enum InvitationStatus { Scheduled = 0, Sent = 1, Answered = 2, Suppressed = 3 }

/// <summary>
/// One invitation of one customer to one survey, with a personal token (the link /s/{token}). One answer per token:
/// while the answer is partial the token updates it; once it is complete the token is refused.
/// </summary>
public sealed class SurveyInvitation
{
    public long Id { get; set; }
    public long SurveyId { get; set; }
    public long? CustomerId { get; set; }
    public string Token { get; set; } = "";
    public string Channel { get; set; } = "";
    public long? TicketId { get; set; }
    public string? Touchpoint { get; set; }
    public long? TriggerId { get; set; }
    /// <summary>The event that triggered it (journey triggers), so a restart never invites twice for one event.</summary>
    public long? SourceEventId { get; set; }
    public InvitationStatus Status { get; set; }
    /// <summary>Why it was not sent (unsubscribed, contact limit), for suppressed invitations.</summary>
    public string? Reason { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>When it may be sent (quiet hours push this to the morning in the customer's zone).</summary>
    public DateTime DueAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    /// <summary>When the relay accepted the email (email channel); other channels count as delivered when sent.</summary>
    public DateTime? DeliveredAtUtc { get; set; }
    /// <summary>When the answer page was first opened with this token (response rates: opened).</summary>
    public DateTime? OpenedAtUtc { get; set; }
    public long? ResponseId { get; set; }
}

/// <summary>A customer who asked for no more surveys; honoured by every distribution path.</summary>
public sealed class VoiceUnsubscribe
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public DateTime AtUtc { get; set; }
    public string Source { get; set; } = "";
}

public enum OutboxStatus { Pending = 0, Sending = 1, Sent = 2, Failed = 3 }

/// <summary>
/// A message waiting for the mail sender (<c>OutboxSender</c>, through the platform's SMTP relay). Written in the
/// same transaction as what caused it, so a crash never loses or half-sends it; retried with back-off until
/// <c>OutboxSender.MaxAttempts</c>, then failed with the relay's last answer kept.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public string Kind { get; set; } = "";
    public long? CustomerId { get; set; }
    public string? RefKind { get; set; }
    public long? RefId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAtUtc { get; set; }
    public string? LastError { get; set; }
    /// <summary>Set when the message belongs in a ticket's email thread (CSAT after solve): it is sent as a reply there.</summary>
    public long? TicketId { get; set; }
    /// <summary>The Message-ID it went out with.</summary>
    public string? MessageId { get; set; }
}

/// <summary>
/// "N hours after touchpoint X, invite customers of segment S, sampling P%". The cursor (last event id looked at) is
/// kept in the store, so the background runner resumes after a restart without missing or repeating events.
/// </summary>
public sealed class SurveyTrigger
{
    public long Id { get; set; }
    /// <summary>The survey it invites to; null for an outreach trigger (<see cref="TemplateId"/>).</summary>
    public long? SurveyId { get; set; }
    /// <summary>The outreach template it sends instead of a survey (welcome, delivery delayed, we fixed it).</summary>
    public long? TemplateId { get; set; }
    public string Name { get; set; } = "";
    public string EventType { get; set; } = "";
    public int DelayHours { get; set; }
    public string? Segment { get; set; }
    /// <summary>"When stage Y is reached": the journey whose latest definition maps touchpoint types to stages, and the stage key.</summary>
    public long? JourneyId { get; set; }
    public string? Stage { get; set; }
    /// <summary>Audience filter on the event's properties: <see cref="PropertyName"/> equals/contains <see cref="PropertyValue"/>.</summary>
    public string? PropertyName { get; set; }
    public string? PropertyOperator { get; set; }
    public string? PropertyValue { get; set; }
    public int SamplingPercent { get; set; } = 100;
    public string Channel { get; set; } = "email";
    public bool Enabled { get; set; } = true;
    public long LastEventId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

public enum FollowUpOutcome { Open = 0, CalledBack = 1, Fixed = 2, Resurveyed = 3 }

/// <summary>A closed-loop follow-up: an unhappy answer turned into a ticket owned by the touchpoint's team.</summary>
public sealed class FollowUp
{
    public long Id { get; set; }
    public long ResponseId { get; set; }
    public long SurveyId { get; set; }
    public long? CustomerId { get; set; }
    public long TicketId { get; set; }
    public long? TeamId { get; set; }
    public SurveyKind Kind { get; set; }
    public int Score { get; set; }
    public string? Touchpoint { get; set; }
    public string Reason { get; set; } = "";
    public FollowUpOutcome Outcome { get; set; }
    public string? OutcomeNote { get; set; }
    public DateTime? OutcomeAtUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
