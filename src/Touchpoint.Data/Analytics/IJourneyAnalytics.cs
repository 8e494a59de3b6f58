using Touchpoint.Domain.Journeys.Analytics;
using Touchpoint.Domain.Journeys.Friction;

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

    /// <summary>Every event type the store holds (friction analysis looks at each).</summary>
    Task<IReadOnlyList<string>> EventTypesAsync(CancellationToken ct);

    /// <summary>Measures each condition × outcome with the meaning of the Domain reference (<see cref="FrictionAnalysis.Run"/>).</summary>
    Task<FrictionMeasurements> FrictionAsync(IReadOnlyList<FrictionCondition> conditions, FrictionOptions options, CancellationToken ct);
}
