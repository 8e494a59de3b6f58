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

    /// <summary>The definition version this answer was given to (survey_versions); it never changes afterwards.</summary>
    public int SurveyVersion { get; set; } = 1;

    /// <summary>Answers per question id, as JSON (<see cref="SurveyAnswerValue"/>); "{}" for score-only records.</summary>
    public string AnswersJson { get; set; } = "{}";

    public string? Language { get; set; }

    /// <summary>Null while the respondent is still answering (a partial answer); set when they reached the end.</summary>
    public DateTime? CompletedAtUtc { get; set; }

    public long? InvitationId { get; set; }

    public DateTime AnsweredAtUtc { get; set; }
    public short OffsetMinutes { get; set; }
}
