namespace Touchpoint.Domain.Service.Channels;

/// <summary>What the intake needs to know about a received email to tell a person's mail from a machine's.</summary>
public sealed record MailSignals(
    Func<string, string?> Header,
    string FromAddress,
    string? MessageId,
    string? TopContentType,
    string? ReportType,
    int MessagesFromSenderLastMinute);

/// <summary>
/// Auto-replies, bounces and mail loops (RFC 3834, RFC 3464 and the headers real mailers set). Such mail is stored
/// as automatic and never answered, so two auto-responders can never talk to each other forever.
/// </summary>
public static class AutomaticMail
{
    /// <summary>More messages than this from one sender within a minute is treated as a loop.</summary>
    public const int MaxPerSenderPerMinute = 10;

    /// <summary>Why the mail is automatic, or null when a person wrote it.</summary>
    public static string? Reason(MailSignals m, string ownMessageIdDomain, IReadOnlyCollection<string> ownAddresses)
    {
        var from = m.FromAddress.Trim().ToLowerInvariant();
        if (m.MessageId is { } id && id.EndsWith("@" + ownMessageIdDomain, StringComparison.OrdinalIgnoreCase))
            return "loop: the message carries our own Message-ID domain";
        if (ownAddresses.Contains(from))
            return "loop: sent from one of our own mailboxes";
        if (string.Equals(m.TopContentType, "multipart/report", StringComparison.OrdinalIgnoreCase)
            && string.Equals(m.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
            return "bounce: delivery status report";
        var local = from.Split('@')[0];
        if (local is "mailer-daemon" or "postmaster")
            return "bounce: sent by " + local;
        if (m.Header("Auto-Submitted") is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return "auto-reply: Auto-Submitted: " + auto.Trim();
        if (m.Header("X-Autoreply") is not null || m.Header("X-Autorespond") is not null)
            return "auto-reply: X-Autoreply";
        if (m.Header("Precedence") is { } p && p.Trim().ToLowerInvariant() is "bulk" or "auto_reply" or "junk" or "list")
            return "auto-reply: Precedence: " + p.Trim().ToLowerInvariant();
        if (m.Header("X-Auto-Response-Suppress") is { } s && s.Contains("All", StringComparison.OrdinalIgnoreCase)
            && m.Header("X-MS-Exchange-Generated-Message-Source") is not null)
            return "auto-reply: Exchange generated";
        if (m.MessagesFromSenderLastMinute >= MaxPerSenderPerMinute)
            return $"loop: more than {MaxPerSenderPerMinute} messages from {from} within a minute";
        return null;
    }
}
