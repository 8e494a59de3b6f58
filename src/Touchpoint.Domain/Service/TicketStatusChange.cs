namespace Touchpoint.Domain.Service;

/// <summary>
/// One entry of a ticket's state history. SLA clocks and resolution times are recomputed from this history,
/// so a recalculation gives the same answer as the live clock did.
/// </summary>
public sealed class TicketStatusChange
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public TicketStatus? From { get; set; }
    public TicketStatus To { get; set; }
    public DateTime AtUtc { get; set; }
    public long? ByUserId { get; set; }
}
