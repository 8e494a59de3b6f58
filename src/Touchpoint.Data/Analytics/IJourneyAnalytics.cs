using Touchpoint.Domain.Journeys.Analytics;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// The journey questions over the whole event history. This is the seam for scaling out: an engine that answers
/// these (DuckDB on one machine today, ClickHouse for a cluster tomorrow) is a new implementation, not a rewrite.
/// Every implementation must give the answers of the Domain reference (<see cref="FunnelCalculator"/>).
/// </summary>
public interface IJourneyAnalytics
{
    Task<FunnelResult> FunnelAsync(FunnelDefinition funnel, CancellationToken ct);

    Task<IReadOnlyList<PathTransition>> PathsAsync(PathQuery query, CancellationToken ct);

    Task<IReadOnlyList<CohortCell>> RetentionCohortsAsync(CohortQuery query, CancellationToken ct);
}
