using Touchpoint.Domain.Service;
using Touchpoint.Domain.Voice.Text;

namespace Touchpoint.Web.Features.Service;

public sealed record TicketSummary(long Id, string Subject, string Status, string Priority, string Channel, long CustomerId,
    long? TeamId, long? AssigneeId, DateTime CreatedAt, DateTime UpdatedAt, DateTime? SolvedAt, IReadOnlyList<string> Tags, long? MergedIntoId);

/// <param name="TicketId">The ticket the message belongs to: another id than the one shown when it came from a merged ticket.</param>
/// <param name="Sentiment">The customer's sentiment, computed on read; null on agent replies and notes.</param>
public sealed record MessageDto(long Id, long TicketId, string Author, long? AuthorUserId, string Body, bool IsInternal, string Channel, DateTime CreatedAt, TextSentiment? Sentiment = null);

/// <summary>The SLA state: phase none, paused, running, due_soon or breached; which target is next and when it is due.</summary>
/// <summary>
/// A ticket's SLA state: the phase and the earliest due target, the policy that applies, and the last alert the
/// escalation scanner fired (warning or breach, its target and when), if any.
/// </summary>
public sealed record SlaDto(string Phase, string? Target, DateTime? Due, string? Policy = null, SlaAlertDto? LastAlert = null);

public sealed record SlaAlertDto(string Kind, string Target, DateTime DueAt, DateTime FiredAt, string Actions);

public sealed record FieldValueDto(string Key, string Label, string Type, string? Value);

/// <summary>One change in the audit trail; <c>by</c> is the person's name (null for automations and API keys).</summary>
public sealed record AuditDto(DateTime At, long? ByUserId, string? By, string Property, string? Old, string? New, string Source);

public sealed record StatusChangeDto(string? From, string To, DateTime At, long? ByUserId);

public sealed record TicketDetail(TicketSummary Ticket, IReadOnlyList<string> Tags, IReadOnlyList<MessageDto> Messages, IReadOnlyList<StatusChangeDto> History,
    IReadOnlyList<FieldValueDto> Fields, IReadOnlyList<AuditDto> Audit, IReadOnlyList<long> MergedFrom, SlaDto Sla);

/// <summary>Body of POST /api/v1/tickets: a new ticket with its first message from the customer.</summary>
public sealed record TicketInput
{
    public long? CustomerId { get; init; }
    public string? Subject { get; init; }
    public string? Channel { get; init; }
    public string? Priority { get; init; }
    public string? Message { get; init; }
    public long? TeamId { get; init; }
}

/// <summary>Body of POST /api/v1/tickets/{id}/messages: an agent reply or internal note.</summary>
public sealed record ReplyInput
{
    public string? Body { get; init; }
    public bool Internal { get; init; }
}

public static class TicketMapping
{
    public static TicketSummary ToSummary(this Ticket t) => new(t.Id, t.Subject, t.Status.Wire(), t.Priority.ToString().ToLowerInvariant(),
        t.Channel, t.CustomerId, t.TeamId, t.AssigneeId, t.CreatedAtUtc, t.UpdatedAtUtc, t.SolvedAtUtc, TicketTags.Read(t.TagsJson), t.MergedIntoId);

    public static MessageDto ToDto(this TicketMessage m) =>
        new(m.Id, m.TicketId, m.Author.ToString().ToLowerInvariant(), m.AuthorUserId, m.Body, m.IsInternal, m.Channel, m.CreatedAtUtc,
            // Only the customer's words: agents write in a scripted, polite register that says nothing of how the customer feels.
            m.Author == AuthorKind.Customer && !m.IsInternal ? SentimentAnalyzer.Analyze(m.Body) : null);

    public static SlaDto ToDto(this Domain.Service.Metrics.TicketSlaState s) => new(Phase(s.Phase), s.Target switch
    {
        Domain.Service.Metrics.SlaTarget.FirstResponse => "first_response",
        Domain.Service.Metrics.SlaTarget.NextResponse => "next_response",
        Domain.Service.Metrics.SlaTarget.Resolution => "resolution",
        _ => null,
    }, s.DueUtc);

    public static string Phase(Domain.Service.Metrics.SlaPhase p) => p == Domain.Service.Metrics.SlaPhase.DueSoon ? "due_soon" : p.ToString().ToLowerInvariant();

    public static readonly IReadOnlyList<string> Channels = ["email", "chat", "form", "phone", "social", "in_person", "api"];
}

/// <summary>Body of POST /api/v1/tickets/{id}/status.</summary>
public sealed record StatusInput
{
    public string? Status { get; init; }
}
