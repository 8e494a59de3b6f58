namespace Touchpoint.Domain.Service;

/// <summary>Lifecycle of a ticket. Transitions are documented in docs/service.md.</summary>
public enum TicketStatus { New = 0, Open = 1, Pending = 2, OnHold = 3, Solved = 4, Closed = 5 }

public enum TicketPriority { Low = 0, Normal = 1, High = 2, Urgent = 3 }

/// <summary>One customer request, in one thread of messages, whatever channel it came through.</summary>
public sealed class Ticket
{
    public long Id { get; set; }
    public string Subject { get; set; } = "";
    public TicketStatus Status { get; set; }
    public TicketPriority Priority { get; set; } = TicketPriority.Normal;

    /// <summary>The channel the ticket was opened on: email, chat, form, phone, social, in_person, api.</summary>
    public string Channel { get; set; } = "";

    public long CustomerId { get; set; }
    public long? TeamId { get; set; }
    public long? AssigneeId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public DateTime? SolvedAtUtc { get; set; }

    /// <summary>Comma-free list of tags stored as a JSON array.</summary>
    public string TagsJson { get; set; } = "[]";

    /// <summary>Set when this ticket was merged into another; metrics count the surviving ticket only.</summary>
    public long? MergedIntoId { get; set; }

    public string Reference => $"#{Id}";
}
