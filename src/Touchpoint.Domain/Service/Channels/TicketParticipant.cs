namespace Touchpoint.Domain.Service.Channels;

/// <summary>
/// A customer who takes part in a ticket without being its requester, such as a colleague on CC. Participants see
/// the ticket as theirs: replies go to them too, and they may answer in the thread.
/// </summary>
public sealed class TicketParticipant
{
    public long TicketId { get; set; }
    public long CustomerId { get; set; }

    /// <summary>How they joined: cc, to, forward.</summary>
    public string Role { get; set; } = "cc";
    public DateTime AddedAtUtc { get; set; }
}
