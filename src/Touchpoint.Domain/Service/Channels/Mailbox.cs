namespace Touchpoint.Domain.Service.Channels;

/// <summary>
/// An email address customers write to (support@, billing@): the team its tickets go to, the sender address and
/// signature of replies, and optionally the IMAP account it is polled from. The IMAP password is kept encrypted
/// and never leaves the server.
/// </summary>
public sealed class Mailbox
{
    public long Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The address customers write to and replies come from; lower case.</summary>
    public string Address { get; set; } = "";
    public long? TeamId { get; set; }

    /// <summary>Appended to every reply sent from this mailbox (plain text).</summary>
    public string Signature { get; set; } = "";

    public string? ImapHost { get; set; }
    public int ImapPort { get; set; } = 993;

    /// <summary>none, ssl or starttls.</summary>
    public string ImapSecurity { get; set; } = "ssl";
    public string? ImapUser { get; set; }

    /// <summary>Encrypted with the host's data-protection keys; null when no password is set.</summary>
    public string? ImapPasswordProtected { get; set; }
    public string ImapFolder { get; set; } = "INBOX";

    /// <summary>The highest IMAP UID already taken in; polling resumes after it, so a restart re-reads nothing.</summary>
    public long ImapLastUid { get; set; }

    /// <summary>When the server's UIDVALIDITY changes, UIDs start over and <see cref="ImapLastUid"/> is reset.</summary>
    public long ImapUidValidity { get; set; }
    public DateTime? ImapLastPolledAtUtc { get; set; }
    public string? ImapLastError { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public bool PollsImap => !string.IsNullOrWhiteSpace(ImapHost) && !string.IsNullOrWhiteSpace(ImapUser);
}
