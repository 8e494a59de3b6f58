namespace Touchpoint.Domain.Service.Channels;

/// <summary>The envelope of one email message of a ticket: who it was from and to, CC and BCC, and its thread ids.</summary>
public sealed class EmailDetail
{
    /// <summary>The ticket message this envelope belongs to (one to one).</summary>
    public long TicketMessageId { get; set; }
    public long? MailboxId { get; set; }
    public string Direction { get; set; } = EmailDirections.Inbound;
    public string From { get; set; } = "";
    public string To { get; set; } = "";
    public string Cc { get; set; } = "";
    public string Bcc { get; set; } = "";
    public string Subject { get; set; } = "";
    public string MessageId { get; set; } = "";
    public string? InReplyTo { get; set; }
    public string References { get; set; } = "";

    /// <summary>Why the message was stored as automatic (auto-reply, bounce, loop); null for a person's mail.</summary>
    public string? AutomaticReason { get; set; }
}

public static class EmailDirections
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";

    /// <summary>An automatic reply the relay did not take: kept so it is tried once, not on every pass (the ticket has a note saying why).</summary>
    public const string Unsent = "unsent";
}
