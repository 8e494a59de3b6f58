using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Journeys;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys.Friction;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Journeys.Friction;

public sealed record EffectDto(double Difference, double Low, double High);

/// <summary>One condition × outcome; effect in NPS points, percentage points (CSAT, churn) or money (revenue).</summary>
public sealed record FrictionFindingDto(string Key, string Label, string Kind, long OwnerTeamId, string OwnerTeam, string Outcome,
    int Affected, int Others, int AffectedMeasured, int OthersMeasured, double? AffectedValue, double? OthersValue, EffectDto? Effect,
    double Impact, bool IsFriction, bool IsDefiningMoment, IReadOnlyList<long> ExampleCustomerIds)
{
    public static FrictionFindingDto From(FrictionRow r)
    {
        var f = r.Finding;
        return new(f.Key, f.Label, Name(f.Kind.ToString()), f.OwnerTeamId, r.OwnerTeam, f.Outcome.ToString().ToLowerInvariant(),
            f.Affected, f.Others, f.AffectedMeasured, f.OthersMeasured, f.AffectedValue, f.OthersValue,
            f.Effect is { } e ? new EffectDto(e.Difference, e.Low, e.High) : null, f.Impact, f.IsFriction, f.IsDefiningMoment, f.ExampleCustomerIds);
    }

    private static string Name(string pascal) => string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(ch) : ch.ToString()));
}

public sealed record FrictionReportDto(long JourneyId, string Journey, int Version, DateTime End, int Customers, DateTimeOffset ComputedAt, IReadOnlyList<FrictionFindingDto> Findings);

/// <summary>/api/v1/journeys/friction: ranked friction points and defining moments (docs/friction.md).</summary>
public static class FrictionApi
{
    public static RouteGroupBuilder MapFrictionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/journeys/friction", Friction).WithTags("Journeys").RequireAuthorization(Policies.Read);
        return api;
    }

    /// <summary>
    /// Every condition × outcome of the journey (default: the first one), ranked by impact, most harmful first.
    /// outcome filters to nps, csat, churn or revenue; only=friction or only=moments keeps the significant ones.
    /// </summary>
    public static async Task<Results<Ok<FrictionReportDto>, NotFound<string>, ValidationProblem>> Friction(FrictionReportCache reports,
        long? journeyId, string? outcome, string? only, int? churnDays, int? revenueDays, int? minGroup, int? maxAgeSeconds, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        FrictionOutcome? wanted = null;
        if (outcome is not null)
        {
            if (Enum.TryParse<FrictionOutcome>(outcome.Trim(), true, out var o) && Enum.IsDefined(o)) wanted = o;
            else errors.Add(("outcome", "must be nps, csat, churn or revenue"));
        }
        if (only is not null and not "friction" and not "moments") errors.Add(("only", "must be friction or moments"));
        if (churnDays is < 1 or > 3650) errors.Add(("churnDays", "must be between 1 and 3650"));
        if (revenueDays is < 1 or > 3650) errors.Add(("revenueDays", "must be between 1 and 3650"));
        if (minGroup is < 2 or > 100_000) errors.Add(("minGroup", "must be between 2 and 100000"));
        if (maxAgeSeconds is < 0 or > 86_400) errors.Add(("maxAgeSeconds", "must be between 0 and 86400"));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());

        var options = new FrictionOptions(churnDays ?? 90, revenueDays ?? 180, minGroup ?? 10);
        // Fresh by default; a dashboard may accept a report computed up to maxAgeSeconds ago (computedAt says when).
        var cached = await reports.GetAsync(journeyId, options, TimeSpan.FromSeconds(maxAgeSeconds ?? 0), ct);
        var report = cached.Report;
        if (report is null) return TypedResults.NotFound(journeyId is null ? "No journey is defined yet." : $"No journey has id {journeyId}.");
        var rows = report.Findings.Where(r => (wanted is null || r.Finding.Outcome == wanted)
            && (only is null || (only == "friction" ? r.Finding.IsFriction : r.Finding.IsDefiningMoment)));
        if (only == "moments") rows = rows.OrderByDescending(r => r.Finding.Impact);
        return TypedResults.Ok(new FrictionReportDto(report.JourneyId, report.Journey, report.Version, report.EndUtc, report.Customers, cached.ComputedAt, rows.Select(FrictionFindingDto.From).ToList()));
    }
}
