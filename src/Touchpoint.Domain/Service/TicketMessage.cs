namespace Touchpoint.Domain.Service;

/// <summary>Who wrote a message; only a person's public reply counts as a response in the metrics.</summary>
public enum AuthorKind { Customer = 0, Agent = 1, Bot = 2, System = 3 }

/// <summary>One message in a ticket's thread: a customer mail or chat line, an agent reply, an internal note.</summary>
public sealed class TicketMessage
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public AuthorKind Author { get; set; }
    public long? AuthorUserId { get; set; }

    /// <summary>Plain text body; HTML bodies are sanitised and kept in <see cref="BodyHtml"/>.</summary>
    public string Body { get; set; } = "";
    public string? BodyHtml { get; set; }

    /// <summary>Internal notes are seen by agents only and never count as a response.</summary>
    public bool IsInternal { get; set; }

    /// <summary>Auto-replies are stored but never answered and never count as a response.</summary>
    public bool IsAutomatic { get; set; }

    public string Channel { get; set; } = "";

    /// <summary>Id from the channel (email Message-ID, tweet id, chat message id); unique per channel.</summary>
    public string? ExternalId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
