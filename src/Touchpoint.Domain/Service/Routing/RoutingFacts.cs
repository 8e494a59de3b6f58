namespace Touchpoint.Domain.Service.Routing;

/// <summary>
/// What the rules can see of a ticket when they run: the ticket, its customer's segment, the message that set the
/// rules off (or the first message for time triggers), and the mailbox it came in on. Rules change a copy of these
/// facts as they plan, so a later rule sees what an earlier one set (team, priority, tags, fields, status).
/// </summary>
public sealed record RoutingFacts
{
    public string Channel { get; init; } = "";
    public string Segment { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Text { get; init; } = "";
    public TicketPriority Priority { get; init; } = TicketPriority.Normal;
    public TicketStatus Status { get; init; } = TicketStatus.New;
    public IReadOnlySet<string> Tags { get; init; } = new HashSet<string>();
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();
    public long? TeamId { get; init; }
    public long? MailboxId { get; init; }
}
