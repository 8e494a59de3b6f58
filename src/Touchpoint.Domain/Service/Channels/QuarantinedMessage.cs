namespace Touchpoint.Domain.Service.Channels;

/// <summary>
/// Something a channel received but could not put on a ticket (unparseable MIME, no sender, an attachment over the
/// size limit, an automatic mail that belongs to no ticket). Kept with the reason and the raw bytes, never lost.
/// </summary>
public sealed class QuarantinedMessage
{
    public long Id { get; set; }
    public string Channel { get; set; } = "";
    public string Reason { get; set; } = "";
    public string Sender { get; set; } = "";
    public string Subject { get; set; } = "";
    public long SizeBytes { get; set; }

    /// <summary>Raw bytes, relative to the data directory.</summary>
    public string StoragePath { get; set; } = "";

    /// <summary>The ticket message it came with, when the rest of the message was stored (an oversized attachment).</summary>
    public long? TicketMessageId { get; set; }
    public DateTime ReceivedAtUtc { get; set; }
}
