namespace Touchpoint.Domain.Service.Channels.Chat;

/// <summary>How a chat visitor is known: not at all, by an email typed in the widget, or by the host site's signed user id.</summary>
public enum VisitorIdentity { Anonymous = 0, Email = 1, Signed = 2 }

/// <summary>
/// One visitor of one site talking through the chat widget. The visitor holds a token naming <see cref="VisitorKey"/>
/// and nothing else, so a token opens this conversation and no other. The ticket is the current one: a closed ticket's
/// follow-up replaces it, and the earlier tickets stay on the customer.
/// </summary>
public sealed class ChatConversation
{
    public long Id { get; set; }

    /// <summary>Random, unguessable; the anonymous identity of the visitor is "chat:{VisitorKey}".</summary>
    public string VisitorKey { get; set; } = "";

    /// <summary>The site key of the script tag (data-site), which names its allowed origins and identity secret.</summary>
    public string Site { get; set; } = "";

    /// <summary>Null until the first message: a visitor who never writes leaves no customer behind.</summary>
    public long? CustomerId { get; set; }

    public long? TicketId { get; set; }
    public VisitorIdentity Identity { get; set; }

    /// <summary>Set when the visitor wrote outside business hours and left an email: agent replies also go out by email.</summary>
    public bool FollowUpByEmail { get; set; }

    /// <summary>The last agent message sent by email, so a reply is mailed once however often the ticket changes.</summary>
    public long? LastEmailedMessageId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime? LastMessageAtUtc { get; set; }

    public string AnonymousHandle => "chat:" + VisitorKey;
}
