namespace Touchpoint.Domain.Service.Metrics;

/// <summary>A half-open span of time [FromUtc, ToUtc) a report covers.</summary>
public sealed record ReportPeriod(DateTime FromUtc, DateTime ToUtc)
{
    public TimeSpan Length => ToUtc - FromUtc;

    /// <summary>The period of the same length right before this one, for period-over-period comparison.</summary>
    public ReportPeriod Previous => new(FromUtc - Length, FromUtc);

    public bool Contains(DateTime utc) => utc >= FromUtc && utc < ToUtc;
    public bool Contains(DateTime? utc) => utc is { } t && Contains(t);
}

/// <summary>How a report is broken down.</summary>
public enum ServiceGrouping { None = 0, Agent, Team, Channel, Segment, Week, Month }

/// <summary>A survey answer about a ticket (CSAT or CES after solve).</summary>
public sealed record TicketSurveyAnswer(long TicketId, Voice.SurveyKind Kind, int Score, DateTime AnsweredAtUtc);
