using Touchpoint.Domain.Service;
using Touchpoint.Domain.Voice.Text;

namespace Touchpoint.Web.Features.Service;

public sealed record TicketSummary(long Id, string Subject, string Status, string Priority, string Channel, long CustomerId,
    long? TeamId, long? AssigneeId, DateTime CreatedAt, DateTime UpdatedAt, DateTime? SolvedAt);

/// <summary>A ticket message; <c>Sentiment</c> is the customer's, computed on read, and null on agent replies and notes.</summary>
public sealed record MessageDto(long Id, string Author, long? AuthorUserId, string Body, bool IsInternal, string Channel, DateTime CreatedAt, TextSentiment? Sentiment = null);

public sealed record StatusChangeDto(string? From, string To, DateTime At, long? ByUserId);

public sealed record TicketDetail(TicketSummary Ticket, IReadOnlyList<string> Tags, IReadOnlyList<MessageDto> Messages, IReadOnlyList<StatusChangeDto> History);

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
        t.Channel, t.CustomerId, t.TeamId, t.AssigneeId, t.CreatedAtUtc, t.UpdatedAtUtc, t.SolvedAtUtc);

    public static MessageDto ToDto(this TicketMessage m) =>
        new(m.Id, m.Author.ToString().ToLowerInvariant(), m.AuthorUserId, m.Body, m.IsInternal, m.Channel, m.CreatedAtUtc,
            // Only the customer's words: agents write in a scripted, polite register that says nothing of how the customer feels.
            m.Author == AuthorKind.Customer && !m.IsInternal ? SentimentAnalyzer.Analyze(m.Body) : null);

    public static readonly IReadOnlyList<string> Channels = ["email", "chat", "form", "phone", "social", "in_person", "api"];
}

/// <summary>Body of POST /api/v1/tickets/{id}/status.</summary>
public sealed record StatusInput
{
    public string? Status { get; init; }
}
