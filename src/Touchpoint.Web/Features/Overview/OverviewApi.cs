using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data.Store;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Overview;

/// <summary>/api/v1/overview: the figures on the overview page.</summary>
public static class OverviewApi
{
    public static RouteGroupBuilder MapOverviewApi(this RouteGroupBuilder api)
    {
        api.MapGet("/overview", Get).WithTags("Overview").RequireAuthorization(Policies.Read);
        return api;
    }

    public static async Task<Ok<OverviewFigures>> Get(TouchpointDb db, CancellationToken ct) =>
        TypedResults.Ok(await OverviewQuery.ComputeAsync(db, ct));
}
