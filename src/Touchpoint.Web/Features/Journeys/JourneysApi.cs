using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Journeys;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys.Analytics;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Journeys;

/// <summary>/api/v1/journeys: funnels, paths and retention cohorts over the whole event history.</summary>
public static class JourneysApi
{
    public static RouteGroupBuilder MapJourneysApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/journeys").WithTags("Journeys").RequireAuthorization(Policies.Read);
        g.MapPost("/funnels", Funnel);
        g.MapGet("/paths", Paths);
        g.MapGet("/cohorts", Cohorts);
        return g;
    }

    /// <summary>Conversion, drop-off and time to convert per step, in total and per breakdown value (docs/funnels.md).</summary>
    public static async Task<Results<Ok<FunnelResult>, ValidationProblem>> Funnel(IJourneyAnalytics analytics, FunnelRequest body, CancellationToken ct)
    {
        var (funnel, errors) = body.ToDefinition();
        if (funnel is null) return Validation.Problem(errors);
        return TypedResults.Ok(await analytics.FunnelAsync(funnel, ct));
    }

    /// <summary>
    /// What customers did next after their first event of startType, level by level; "(end)" is drop-off. endType
    /// keeps only the paths that reach it within depth steps, cut at its first occurrence. by=stage runs the path over
    /// the stages of a journey (journeyId, default the first): startType and endType are then stage keys.
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<PathTransition>>, ValidationProblem>> Paths(IJourneyAnalytics analytics, TouchpointDb db, string? startType, int? depth, int? top,
        string? endType, string? by, long? journeyId, CancellationToken ct)
    {
        var (stages, problem) = await PathStages.ForAsync(db, by, journeyId, ct);
        if (problem is not null) return Validation.Problem([problem]);
        var q = new PathQuery(startType?.Trim().ToLowerInvariant() ?? "", depth ?? 3, top ?? 10,
            EndType: string.IsNullOrWhiteSpace(endType) ? null : endType.Trim().ToLowerInvariant(), StageOf: stages);
        var errors = q.Validate();
        if (errors.Count > 0) return Validation.Problem(errors);
        return TypedResults.Ok(await analytics.PathsAsync(q, ct));
    }

    /// <summary>First-touch cohorts by week or month and how many of each were active in each later period.</summary>
    public static async Task<Results<Ok<IReadOnlyList<CohortCell>>, ValidationProblem>> Cohorts(IJourneyAnalytics analytics, string? period, int? periods, string? activityType, CancellationToken ct)
    {
        var unit = CohortPeriod.Month;
        if (period is not null && (!Enum.TryParse(period.Trim(), true, out unit) || !Enum.IsDefined(unit)))
            return Validation.Problem(("period", "must be week or month"));
        var q = new CohortQuery(unit, periods ?? 12, activityType?.Trim().ToLowerInvariant());
        var errors = q.Validate();
        if (errors.Count > 0) return Validation.Problem(errors);
        return TypedResults.Ok(await analytics.RetentionCohortsAsync(q, ct));
    }
}
