using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Voice;
using Touchpoint.Domain.Voice.Text;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Voice;

public sealed record SurveySummary(long Id, string Name, string Kind, string Status, string Question, int ScoreMin, int ScoreMax, DateTime CreatedAt);

public sealed record ResponseDto(long Id, long SurveyId, long? CustomerId, int? Score, string? Comment, string Channel,
    long? TicketId, string? Touchpoint, DateTimeOffset AnsweredAt, TextSentiment? Sentiment);

/// <summary>Body of POST /api/v1/surveys/{id}/responses: an answer recorded by another system or an import.</summary>
public sealed record ResponseInput
{
    public string? Id { get; init; }
    public string? CustomerId { get; init; }
    public string? Email { get; init; }
    public int? Score { get; init; }
    public string? Comment { get; init; }
    public string? Channel { get; init; }
    public string? Touchpoint { get; init; }
    public long? TicketId { get; init; }
    public string? AnsweredAt { get; init; }
}

/// <summary>/api/v1/surveys: surveys and their answers. Each answer lands on the customer's timeline.</summary>
public static class SurveysApi
{
    public const int MaxCommentLength = 5000;

    public static RouteGroupBuilder MapSurveysApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/surveys").WithTags("Surveys");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        g.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Read);
        g.MapGet("/{id:long}/responses", Responses).RequireAuthorization(Policies.Read);
        g.MapPost("/{id:long}/responses", Record).RequireAuthorization(Policies.Write);
        g.MapSurveyBuilderApi();
        api.MapGet("/responses/{id:long}", GetResponse).WithTags("Surveys").RequireAuthorization(Policies.Read);
        return g;
    }

    public static SurveySummary ToSummary(Survey s) => new(s.Id, s.Name, s.Kind.ToString().ToLowerInvariant(), s.Status.ToString().ToLowerInvariant(),
        s.Question, s.ScoreRange.Min, s.ScoreRange.Max, s.CreatedAtUtc);

    public static ResponseDto ToDto(SurveyResponse r) => new(r.Id, r.SurveyId, r.CustomerId, r.Score, r.Comment, r.Channel, r.TicketId, r.Touchpoint,
        new DateTimeOffset(r.AnsweredAtUtc, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(r.OffsetMinutes)),
        // Sentiment of the comment, computed on read (docs/text-analytics.md): no stored copy to go stale.
        string.IsNullOrWhiteSpace(r.Comment) ? null : SentimentAnalyzer.Analyze(r.Comment, r.Language));

    public static async Task<Ok<List<SurveySummary>>> List(TouchpointDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Surveys.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct)).Select(ToSummary).ToList());

    public static async Task<Results<Ok<SurveySummary>, NotFound>> Get(TouchpointDb db, long id, CancellationToken ct) =>
        await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } s ? TypedResults.Ok(ToSummary(s)) : TypedResults.NotFound();

    public static async Task<Results<Ok<ResponseDto>, NotFound>> GetResponse(TouchpointDb db, long id, CancellationToken ct) =>
        await db.SurveyResponses.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } r ? TypedResults.Ok(ToDto(r)) : TypedResults.NotFound();

    public static async Task<Results<Ok<CursorPage<ResponseDto>>, NotFound, ValidationProblem>> Responses(
        TouchpointDb db, long id, string? cursor, int? limit, CancellationToken ct)
    {
        var (take, after, errors) = Cursor.Read(limit, cursor);
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        if (!await db.Surveys.AnyAsync(s => s.Id == id, ct)) return TypedResults.NotFound();
        var rows = await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == id && (after == null || r.Id < after))
            .OrderByDescending(r => r.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows.Select(ToDto).ToList(), take, r => r.Id));
    }

    /// <summary>Records an answer. With an id, a repeat of the same id answers 200 with the stored answer (no duplicate).</summary>
    public static async Task<Results<Created<ResponseDto>, Ok<ResponseDto>, NotFound, ValidationProblem>> Record(
        TouchpointDb db, TimeProvider clock, long id, ResponseInput input, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null) return TypedResults.NotFound();
        var errors = new List<(string, string)>();
        var (min, max) = survey.ScoreRange;
        if (input.Score is { } sc && (sc < min || sc > max)) errors.Add(("score", $"must be between {min} and {max} on this {survey.Kind.ToString().ToUpperInvariant()} survey"));
        if (input.Score is null && string.IsNullOrWhiteSpace(input.Comment)) errors.Add(("score", "a score or a comment is required"));
        if (input.Comment is { Length: > MaxCommentLength }) errors.Add(("comment", $"is longer than {MaxCommentLength} characters"));
        if (survey.Status == SurveyStatus.Closed) errors.Add(("surveyId", "the survey is closed"));
        var at = clock.GetUtcNow();
        if (input.AnsweredAt is { } text && !EventValidator.TryParseWithOffset(text, out at, out var why)) errors.Add(("answeredAt", why));
        var customerRef = CustomerRef.From(input.CustomerId, input.Email, null, null);
        if (input.Id is { Length: > 200 }) errors.Add(("id", "is longer than 200 characters"));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());

        if (input.Id is { } clientId && await db.SurveyResponses.AsNoTracking().FirstOrDefaultAsync(r => r.ClientResponseId == clientId, ct) is { } existing)
            return TypedResults.Ok(ToDto(existing));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        long? customerId = customerRef is { } cr ? (await CustomerResolver.ResolveAsync(db, [cr], clock.GetUtcNow().UtcDateTime, ct))[cr] : null;
        var r = new SurveyResponse
        {
            SurveyId = id, CustomerId = customerId, Score = input.Score, Comment = input.Comment?.Trim(),
            Channel = string.IsNullOrWhiteSpace(input.Channel) ? "api" : input.Channel.Trim().ToLowerInvariant(),
            Touchpoint = input.Touchpoint, TicketId = input.TicketId, ClientResponseId = input.Id,
            AnsweredAtUtc = at.UtcDateTime, CompletedAtUtc = at.UtcDateTime, OffsetMinutes = (short)at.Offset.TotalMinutes,
            SurveyVersion = survey.Version,
        };
        db.SurveyResponses.Add(r);
        await db.SaveChangesAsync(ct);
        TouchpointRecorder.SurveyAnswered(db, r, "voice");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/responses/{r.Id}", ToDto(r));
    }
}
