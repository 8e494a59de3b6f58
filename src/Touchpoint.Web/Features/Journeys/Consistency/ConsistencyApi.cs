using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data.Journeys;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys.Consistency;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Journeys.Consistency;

public sealed record ConsistencyGroupDto(string Group, int N, double Mean, double? Low, double? High, bool Compared,
    double? DifferenceFromRest, double? DifferenceLow, double? DifferenceHigh, bool WorseThanRest);

/// <summary>The answer of /api/v1/journeys/consistency: the groups, and the spread of their means.</summary>
public sealed record ConsistencyDto(string Metric, string By, string Unit, bool HigherIsBetter, int MinN, int N, double? OverallMean,
    double? Range, double? SpreadSd, IReadOnlyList<ConsistencyGroupDto> Groups)
{
    public static ConsistencyDto From(ConsistencyQuery q, ConsistencyResult r) => new(q.Metric, q.By, q.Unit, r.HigherIsBetter, r.MinN, r.N, r.OverallMean,
        r.Range, r.SpreadSd, r.Groups.Select(g => new ConsistencyGroupDto(g.Group, g.N, g.Mean, g.Low, g.High, g.Compared,
            g.VersusRest?.Difference, g.VersusRest?.Low, g.VersusRest?.High, g.WorseThanRest)).ToList());
}

/// <summary>/api/v1/journeys/consistency: one metric compared across channels or touchpoints, spread and outliers.</summary>
public static class ConsistencyApi
{
    public static RouteGroupBuilder MapConsistencyApi(this RouteGroupBuilder api)
    {
        api.MapGet("/journeys/consistency", Consistency).WithTags("Journeys").RequireAuthorization(Policies.Read);
        return api;
    }

    /// <summary>
    /// metric: csat, ces, nps, resolution_hours or stage_days (with fromStage, toStage and optionally journeyId);
    /// by: channel (default) or touchpoint; minN: smallest group compared (default 10).
    /// </summary>
    public static async Task<Results<Ok<ConsistencyDto>, ValidationProblem>> Consistency(TouchpointDb db, string? metric, string? by, int? minN,
        long? journeyId, string? fromStage, string? toStage, CancellationToken ct)
    {
        var q = new ConsistencyQuery(metric?.Trim().ToLowerInvariant() ?? "csat", by?.Trim().ToLowerInvariant() ?? "channel", minN ?? 10,
            journeyId, fromStage?.Trim(), toStage?.Trim());
        var errors = q.Validate();
        if (errors.Count > 0) return Validation.Problem(errors);
        var (result, found) = await ConsistencyReport.RunAsync(db, q, ct);
        return result is null ? Validation.Problem(found) : TypedResults.Ok(ConsistencyDto.From(q, result));
    }
}
