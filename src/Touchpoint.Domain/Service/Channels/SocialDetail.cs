namespace Touchpoint.Domain.Service.Channels;

/// <summary>Where a social message lives: the platform, the author's handle and the public link to the post.</summary>
public sealed class SocialDetail
{
    public long TicketMessageId { get; set; }
    public string Platform { get; set; } = "";
    public string Handle { get; set; } = "";
    public string? Permalink { get; set; }

    /// <summary>The platform's id of the post this one answers, as the platform gave it.</summary>
    public string? InReplyTo { get; set; }
}
