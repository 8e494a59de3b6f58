using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Journeys.Analytics;

namespace Touchpoint.Data.Journeys;

/// <summary>Paths by touchpoint or by the stages of a journey, as the API (by, journeyId) and the CLI (--by, --journey) ask.</summary>
public static class PathStages
{
    /// <summary>The stage map for by=stage (null for touchpoint paths), or the problem with by or journeyId.</summary>
    public static async Task<(IReadOnlyDictionary<string, string>? Stages, FieldError? Problem)> ForAsync(TouchpointDb db, string? by, long? journeyId, CancellationToken ct)
    {
        switch (by?.Trim().ToLowerInvariant())
        {
            case null or "" or "touchpoint": return (null, null);
            case "stage":
                var journey = await JourneyCatalog.GivenOrFirstAsync(db, journeyId, ct);
                return journey is null
                    ? (null, new FieldError("journeyId", journeyId is null ? "no journey is defined yet" : $"no journey has id {journeyId}"))
                    : (PathQuery.StagesOf(journey.Definition), null);
            default: return (null, new FieldError("by", "must be touchpoint or stage"));
        }
    }
}
