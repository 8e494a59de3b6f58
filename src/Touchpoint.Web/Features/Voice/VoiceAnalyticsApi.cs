using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Voice;
using Touchpoint.Domain.Voice.Text;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Voice;

public sealed record FollowUpDto(long Id, long ResponseId, long SurveyId, long? CustomerId, long TicketId, long? TeamId, string Kind, int Score, string? Touchpoint,
    string Reason, string Outcome, string? OutcomeNote, DateTime CreatedAt, DateTime? OutcomeAt, string Journey);

public sealed record OutcomeInput
{
    public string? Outcome { get; init; }
    public string? Note { get; init; }
}

/// <summary>Recovery: of detractor follow-ups whose customer answered NPS again afterwards, the share now 7 or more.</summary>
public sealed record RecoveryDto(int Detractors, int Resurveyed, int Recovered, Estimate Rate);

/// <summary>/api/v1/voice: scores with intervals (Read) and the closed loop's follow-ups (Read; outcomes need Write).</summary>
public static class VoiceAnalyticsApi
{
    public static RouteGroupBuilder MapVoiceAnalyticsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/voice").WithTags("Voice");
        g.MapGet("/scores", Scores).RequireAuthorization(Policies.Read);
        g.MapGet("/themes", Themes).RequireAuthorization(Policies.Read);
        g.MapGet("/response-rates", ResponseRates).RequireAuthorization(Policies.Read);
        g.MapGet("/follow-ups", FollowUps).RequireAuthorization(Policies.Read);
        g.MapPost("/follow-ups/{id:long}/outcome", Outcome).RequireAuthorization(Policies.Write);
        g.MapGet("/follow-ups/recovery", Recovery).RequireAuthorization(Policies.Read);
        return g;
    }

    /// <summary>GET /api/v1/voice/scores?metric=nps|csat|ces&amp;by=month&amp;from=2026-01-01&amp;to=2026-04-01&amp;surveyId=</summary>
    public static async Task<Results<Ok<ScoreReport>, ValidationProblem>> Scores(TouchpointDb db, string? metric, string? by, DateTime? from, DateTime? to, long? surveyId, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        SurveyKind? kind = (metric ?? "nps").ToLowerInvariant() switch { "nps" => SurveyKind.Nps, "csat" => SurveyKind.Csat, "ces" => SurveyKind.Ces, _ => null };
        if (kind is null) errors.Add(("metric", "must be nps, csat or ces"));
        var dim = (by ?? "none").ToLowerInvariant();
        if (!VoiceAnalytics.Dimensions.Contains(dim)) errors.Add(("by", $"must be one of {string.Join(", ", VoiceAnalytics.Dimensions)}"));
        if (from is { } f && to is { } t && t <= f) errors.Add(("to", "must be after from"));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        DateTime? U(DateTime? d) => d is { } x ? DateTime.SpecifyKind(x.Kind == DateTimeKind.Local ? x.ToUniversalTime() : x, DateTimeKind.Utc) : null;
        return TypedResults.Ok(await VoiceAnalytics.ReportAsync(db, kind!.Value, dim, U(from), U(to), surveyId, ct));
    }

    /// <summary>GET /api/v1/voice/response-rates?from&amp;to&amp;surveyId: invitations sent, delivered, opened and answered per distribution channel.</summary>
    public static async Task<Results<Ok<ResponseRateReport>, ValidationProblem>> ResponseRates(TouchpointDb db, DateTime? from, DateTime? to, long? surveyId, CancellationToken ct)
    {
        if (from is { } f && to is { } t && t <= f) return Validation.Problem(("to", "must be after from"));
        if (surveyId is { } sid && !await db.Surveys.AnyAsync(s => s.Id == sid, ct)) return Validation.Problem(("surveyId", "no survey has this id"));
        DateTime? U(DateTime? d) => d is { } x ? DateTime.SpecifyKind(x.Kind == DateTimeKind.Local ? x.ToUniversalTime() : x, DateTimeKind.Utc) : null;
        return TypedResults.Ok(await VoiceResponseRates.ReportAsync(db, U(from), U(to), surveyId, ct));
    }

    /// <summary>GET /api/v1/voice/themes?metric=nps&amp;from&amp;to&amp;surveyId&amp;quotes=3: themes of the answers' free text with counts, sentiment, quotes and driver effects.</summary>
    public static async Task<Results<Ok<ThemeReport>, ValidationProblem>> Themes(TouchpointDb db, string? metric, DateTime? from, DateTime? to, long? surveyId, int? quotes, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        SurveyKind? kind = (metric ?? "nps").ToLowerInvariant() switch { "nps" => SurveyKind.Nps, "csat" => SurveyKind.Csat, "ces" => SurveyKind.Ces, _ => null };
        if (kind is null) errors.Add(("metric", "must be nps, csat or ces"));
        if (from is { } f && to is { } t && t <= f) errors.Add(("to", "must be after from"));
        if (quotes is < 0 or > 3) errors.Add(("quotes", "must be 0 to 3"));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        return TypedResults.Ok(await VoiceThemes.ReportAsync(db, kind!.Value, Utc(from), Utc(to), surveyId, quotes ?? 3, ct));
    }

    private static DateTime? Utc(DateTime? d) => d is { } x ? DateTime.SpecifyKind(x.Kind == DateTimeKind.Local ? x.ToUniversalTime() : x, DateTimeKind.Utc) : null;

    private static FollowUpDto ToDto(FollowUp f) => new(f.Id, f.ResponseId, f.SurveyId, f.CustomerId, f.TicketId, f.TeamId, f.Kind.ToString().ToLowerInvariant(), f.Score,
        f.Touchpoint, f.Reason, Name(f.Outcome), f.OutcomeNote, f.CreatedAtUtc, f.OutcomeAtUtc, f.CustomerId is { } c ? $"/customers/{c}" : "");

    public static string Name(FollowUpOutcome o) => o switch
    {
        FollowUpOutcome.CalledBack => "called_back",
        FollowUpOutcome.Fixed => "fixed",
        FollowUpOutcome.Resurveyed => "resurveyed",
        _ => "open",
    };

    public static async Task<Ok<List<FollowUpDto>>> FollowUps(TouchpointDb db, string? outcome, CancellationToken ct)
    {
        var q = db.FollowUps.AsNoTracking();
        if (outcome is { Length: > 0 } o && Enum.GetValues<FollowUpOutcome>().FirstOrDefault(x => Name(x) == o) is var wanted && Name(wanted) == o) q = q.Where(f => f.Outcome == wanted);
        return TypedResults.Ok((await q.OrderByDescending(f => f.Id).Take(500).ToListAsync(ct)).Select(ToDto).ToList());
    }

    public static async Task<Results<Ok<FollowUpDto>, NotFound, ValidationProblem>> Outcome(TouchpointDb db, TimeProvider clock, long id, OutcomeInput input, CancellationToken ct)
    {
        var f = await db.FollowUps.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null) return TypedResults.NotFound();
        var outcome = Enum.GetValues<FollowUpOutcome>().Where(x => x != FollowUpOutcome.Open).FirstOrDefault(x => Name(x) == input.Outcome);
        if (outcome == FollowUpOutcome.Open) return Validation.Problem(("outcome", "must be called_back, fixed or resurveyed"));
        if (input.Note is { Length: > 2000 }) return Validation.Problem(("note", "is longer than 2000 characters"));
        f.Outcome = outcome;
        f.OutcomeNote = input.Note?.Trim();
        f.OutcomeAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(f));
    }

    public static async Task<Ok<RecoveryDto>> Recovery(TouchpointDb db, CancellationToken ct) => TypedResults.Ok(await RecoveryAsync(db, ct));

    /// <summary>
    /// Recovery rate = recovered / re-surveyed, over NPS detractor follow-ups: re-surveyed when the customer completed a
    /// later NPS answer after the follow-up opened; recovered when that next answer is 7 or more (passive or promoter).
    /// </summary>
    public static async Task<RecoveryDto> RecoveryAsync(TouchpointDb db, CancellationToken ct)
    {
        var detractors = await db.FollowUps.AsNoTracking().Where(f => f.Kind == SurveyKind.Nps && f.CustomerId != null)
            .Select(f => new { f.CustomerId, f.CreatedAtUtc }).ToListAsync(ct);
        int resurveyed = 0, recovered = 0;
        foreach (var d in detractors)
        {
            var next = await (from r in db.SurveyResponses.AsNoTracking()
                              join s in db.Surveys on r.SurveyId equals s.Id
                              where s.Kind == SurveyKind.Nps && r.CustomerId == d.CustomerId && r.CompletedAtUtc > d.CreatedAtUtc && r.Score != null
                              orderby r.CompletedAtUtc
                              select r.Score).FirstOrDefaultAsync(ct);
            if (next is null) continue;
            resurveyed++;
            if (next >= 7) recovered++;
        }
        return new(detractors.Count, resurveyed, recovered, VoiceStatistics.Proportion(recovered, resurveyed));
    }
}
