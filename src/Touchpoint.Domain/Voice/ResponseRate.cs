namespace Touchpoint.Domain.Voice;

/// <summary>
/// The survey invitation funnel of one distribution channel: invitations sent (suppressed ones are counted apart, never
/// sent), delivered (email: the relay took it; channels that show the survey in place: when sent), opened (the answer
/// page was opened with the personal token, or an answer came in through it) and answered (the answer is complete).
/// </summary>
public sealed record ChannelResponse(string Channel, int Sent, int Delivered, int Opened, int Answered, int Suppressed)
{
    /// <summary>Response rate = answered / sent, in percent, with the Wilson 95% interval; unknown with nothing sent.</summary>
    public Estimate Rate => VoiceStatistics.Proportion(Math.Min(Answered, Sent), Sent);

    /// <summary>Open rate = opened / delivered, in percent (Wilson).</summary>
    public Estimate OpenRate => VoiceStatistics.Proportion(Math.Min(Opened, Delivered), Delivered);
}

public static class ResponseRate
{
    /// <summary>The channels shown even when empty, in this order: the ones a CX team compares first.</summary>
    public static readonly IReadOnlyList<string> MainChannels = ["email", "link", "widget", "after-solve"];

    /// <summary>All channels of the rows summed into one line (key "all").</summary>
    public static ChannelResponse Total(IEnumerable<ChannelResponse> rows) => rows.Aggregate(new ChannelResponse("all", 0, 0, 0, 0, 0),
        (a, r) => a with { Sent = a.Sent + r.Sent, Delivered = a.Delivered + r.Delivered, Opened = a.Opened + r.Opened, Answered = a.Answered + r.Answered, Suppressed = a.Suppressed + r.Suppressed });
}
