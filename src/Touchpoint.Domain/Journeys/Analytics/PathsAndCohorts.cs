namespace Touchpoint.Domain.Journeys.Analytics;

/// <summary>
/// What customers did next after their first <see cref="StartType"/> event (in [From, To) when given), up to
/// <see cref="Depth"/> events on. "(end)" as the next type is drop-off: nothing more happened. With
/// <see cref="EndType"/>, only the paths that reach an event of that type within <see cref="Depth"/> steps are kept,
/// each cut at its first such event: "how do customers get from A to B".
/// </summary>
public sealed record PathQuery(string StartType, int Depth = 3, int TopPerLevel = 10, DateTime? FromUtc = null, DateTime? ToUtc = null, string? EndType = null)
{
    public const string End = "(end)";

    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(StartType)) errors.Add(new("startType", "is required"));
        if (Depth is < 1 or > 10) errors.Add(new("depth", "must be between 1 and 10"));
        if (TopPerLevel is < 1 or > 100) errors.Add(new("topPerLevel", "must be between 1 and 100"));
        return errors;
    }
}

/// <summary>Customers who went from <see cref="From"/> (at level-1) to <see cref="To"/> (at level).</summary>
public sealed record PathTransition(int Level, string From, string To, long Customers);

public enum CohortPeriod { Week, Month }

/// <summary>
/// Retention by first touch: customers grouped by the week or month of their first event (any type), then counted
/// as active in each later period when they have an event of <see cref="ActivityType"/> (any type when null).
/// </summary>
public sealed record CohortQuery(CohortPeriod Period = CohortPeriod.Month, int Periods = 12, string? ActivityType = null, DateTime? FromUtc = null, DateTime? ToUtc = null)
{
    public IReadOnlyList<FieldError> Validate() =>
        Periods is < 1 or > 104 ? [new("periods", "must be between 1 and 104")] : [];
}

/// <summary>Period 0 is the cohort's own week or month, so Active at period 0 equals the cohort size.</summary>
public sealed record CohortCell(DateOnly CohortStart, long CohortSize, int Period, long Active);
