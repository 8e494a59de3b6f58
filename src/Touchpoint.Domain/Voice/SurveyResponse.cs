namespace Touchpoint.Domain.Voice;

/// <summary>One customer's answer to a survey: the headline score, an optional comment, and where it came from.</summary>
public sealed class SurveyResponse
{
    public long Id { get; set; }
    public long SurveyId { get; set; }
    public long? CustomerId { get; set; }

    /// <summary>The headline score on the survey's scale; null when the customer skipped it.</summary>
    public int? Score { get; set; }
    public string? Comment { get; set; }

    public string Channel { get; set; } = "";

    /// <summary>The ticket this answer is about (CSAT after solve), if any.</summary>
    public long? TicketId { get; set; }

    /// <summary>The journey stage or touchpoint the survey was asked at, e.g. "delivery".</summary>
    public string? Touchpoint { get; set; }

    /// <summary>Personal token of the invitation; one answer per token.</summary>
    public string? Token { get; set; }

    /// <summary>Client-supplied id for idempotent imports.</summary>
    public string? ClientResponseId { get; set; }

    public DateTime AnsweredAtUtc { get; set; }
    public short OffsetMinutes { get; set; }
}
