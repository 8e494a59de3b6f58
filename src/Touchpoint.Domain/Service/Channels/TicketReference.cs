using System.Text.RegularExpressions;

namespace Touchpoint.Domain.Service.Channels;

/// <summary>
/// The ticket reference in a subject line, "[#123]": replies carry it so a customer's answer finds its ticket even
/// when the mail client dropped In-Reply-To and References.
/// </summary>
public static partial class TicketReference
{
    [GeneratedRegex(@"\[#(\d{1,18})\]")]
    private static partial Regex Pattern();

    public static long? Find(string? subject)
    {
        if (string.IsNullOrEmpty(subject)) return null;
        var m = Pattern().Match(subject);
        return m.Success && long.TryParse(m.Groups[1].Value, out var id) ? id : null;
    }

    /// <summary>The subject of a reply: "Re: " once, and the reference once.</summary>
    public static string ReplySubject(string subject, long ticketId)
    {
        var s = Pattern().Replace(subject, "").Trim();
        while (s.StartsWith("Re:", StringComparison.OrdinalIgnoreCase)) s = s[3..].Trim();
        return $"Re: {s} [#{ticketId}]";
    }

    public static string ForwardSubject(string subject, long ticketId) => $"Fwd: {Pattern().Replace(subject, "").Trim()} [#{ticketId}]";
}
