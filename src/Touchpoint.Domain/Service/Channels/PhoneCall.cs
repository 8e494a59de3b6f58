namespace Touchpoint.Domain.Service.Channels;

public enum CallDirection { Inbound = 0, Outbound = 1 }

public enum CallOutcome { Answered = 0, Missed = 1, Voicemail = 2, CallbackScheduled = 3 }

/// <summary>A phone call logged on a ticket: direction, how long, how it ended, and the callback it owes.</summary>
public sealed class PhoneCall
{
    public long Id { get; set; }
    public long TicketMessageId { get; set; }
    public long TicketId { get; set; }
    public CallDirection Direction { get; set; }
    public CallOutcome Outcome { get; set; }
    public int DurationSeconds { get; set; }
    public string PhoneNumber { get; set; } = "";

    /// <summary>When the customer must be called back; set for missed calls, voicemails and scheduled callbacks.</summary>
    public DateTime? CallbackDueAtUtc { get; set; }
    public DateTime? CallbackDoneAtUtc { get; set; }
    public DateTime AtUtc { get; set; }
}

/// <summary>
/// When a call leaves the customer waiting for us. A missed inbound call or a voicemail owes a callback within
/// <see cref="CallbackWithin"/>, so nobody is left in telephone tag; a scheduled callback is due when agreed.
/// </summary>
public static class CallbackRule
{
    public static readonly TimeSpan CallbackWithin = TimeSpan.FromHours(2);
    public const string Tag = "callback";

    public static DateTime? DueAt(CallDirection direction, CallOutcome outcome, DateTime callAtUtc, DateTime? agreedUtc) => outcome switch
    {
        CallOutcome.CallbackScheduled => agreedUtc ?? callAtUtc + CallbackWithin,
        CallOutcome.Missed or CallOutcome.Voicemail when direction == CallDirection.Inbound => callAtUtc + CallbackWithin,
        _ => null,
    };

    public static string Wire(this CallOutcome o) => o switch
    {
        CallOutcome.Answered => "answered",
        CallOutcome.Missed => "missed",
        CallOutcome.Voicemail => "voicemail",
        _ => "callback_scheduled",
    };

    public static bool TryParse(string? s, out CallOutcome o)
    {
        o = default;
        switch (s?.Trim().ToLowerInvariant())
        {
            case "answered": o = CallOutcome.Answered; return true;
            case "missed": o = CallOutcome.Missed; return true;
            case "voicemail": o = CallOutcome.Voicemail; return true;
            case "callback_scheduled": o = CallOutcome.CallbackScheduled; return true;
            default: return false;
        }
    }
}
