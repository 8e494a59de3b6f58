using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Web.Features.Voice.Public;

/// <summary>Body of a widget answer (sent as text/plain JSON so a browser on another origin posts without a preflight).</summary>
public sealed record WidgetAnswerInput
{
    public string? Visitor { get; init; }
    public string? Customer { get; init; }
    public string? Signature { get; init; }
    public Dictionary<string, SurveyAnswerValue>? Answers { get; init; }
    public string? Language { get; init; }
    /// <summary>Honeypot, as on the answer page.</summary>
    public string? Website { get; init; }
}

public sealed record WidgetChoice(string Id, string Text);

/// <summary>One question as the widget draws it, in the visitor's language.</summary>
public sealed record WidgetQuestion(string Id, string Type, string Text, bool Required, int? Min, int? Max, IReadOnlyList<WidgetChoice> Choices);

public sealed record WidgetState(long SurveyId, string Language, bool Answered, WidgetQuestion? Question);

public sealed record WidgetAnswerResult(bool Completed, WidgetQuestion? Next);

/// <summary>
/// The in-page survey widget's two public routes (script: /survey/widget.js): the state of one visitor on one survey
/// and the answer intake. Both are rate limited like the answer page, answer any origin (Access-Control-Allow-Origin
/// *, no cookies involved) and show only live surveys with the public link switched on. One answer per visitor token.
/// </summary>
public static class SurveyWidgetEndpoints
{
    public const int MaxBody = 64 * 1024;

    public static IEndpointRouteBuilder MapSurveyWidget(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/public/widget").WithTags("Public survey answers").AllowAnonymous().RequireRateLimiting(PublicSurveyEndpoints.Limiter)
            .AddEndpointFilter(async (ctx, next) =>
            {
                ctx.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";
                return await next(ctx);
            });
        g.MapGet("/{id:long}", State);
        g.MapPost("/{id:long}/responses", Answer);
        return app;
    }

    public static async Task<Results<Ok<WidgetState>, NotFound, ValidationProblem>> State(TouchpointDb db, long id, string? visitor, string? lang, CancellationToken ct)
    {
        if (!WidgetIdentity.IsVisitorToken(visitor)) return Api.Validation.Problem(("visitor", "must be 16-64 letters, digits, - or _"));
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.AllowAnonymous && s.Status == SurveyStatus.Live, ct);
        if (survey is null) return TypedResults.NotFound();
        var session = await SurveyAnswering.LoadAsync(db, WidgetIdentity.Token(id, visitor!), ct);
        var def = session?.Definition ?? SurveyDefinition.FromJson(survey.DefinitionJson, survey.Kind, survey.Question);
        var language = lang is { } l && def.Languages.Contains(l) ? l : def.DefaultLanguage;
        if (session?.Response?.CompletedAtUtc is not null) return TypedResults.Ok(new WidgetState(id, language, true, null));
        var current = session?.Current ?? def.Questions.FirstOrDefault();
        return TypedResults.Ok(new WidgetState(id, language, false, current is null ? null : View(current, language, def.DefaultLanguage)));
    }

    public static async Task<Results<Ok<WidgetAnswerResult>, NotFound, ValidationProblem, ProblemHttpResult>> Answer(HttpRequest request, TouchpointDb db, ClosedLoop loop,
        VoiceOptions options, TimeProvider clock, long id, CancellationToken ct)
    {
        WidgetAnswerInput? input;
        try
        {
            if (request.ContentLength > MaxBody) return Api.Validation.Problem(("body", $"is larger than {MaxBody} bytes"));
            input = await JsonSerializer.DeserializeAsync<WidgetAnswerInput>(request.Body, JsonSerializerOptions.Web, ct);
        }
        catch (JsonException) { return Api.Validation.Problem(("body", "is not a JSON object")); }
        if (input is null) return Api.Validation.Problem(("body", "is required"));
        if (!string.IsNullOrEmpty(input.Website))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Refused as spam", detail: "The 'website' field must be empty.");
        if (!WidgetIdentity.IsVisitorToken(input.Visitor)) return Api.Validation.Problem(("visitor", "must be 16-64 letters, digits, - or _"));
        long? customerId = null;
        if (input.Customer is { Length: > 0 } external)
        {
            if (!WidgetIdentity.Verify(options.WidgetSecret, external, input.Signature)) return Api.Validation.Problem(("signature", "does not match the customer (see Voice:WidgetSecret)"));
            customerId = await db.Customers.Where(c => c.ExternalId == external).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
            if (customerId is null) return Api.Validation.Problem(("customer", "no customer has this external id"));
        }
        var r = await SurveyAnswering.SubmitWidgetAsync(db, loop, id, input.Visitor!, customerId, input.Answers ?? [], input.Language, clock.GetUtcNow(), ct);
        switch (r.Failure)
        {
            case AnswerFailure.None:
                var def = await SurveyEditor.DefinitionAsync(db, (await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == id, ct)), r.Response!.SurveyVersion, ct);
                return TypedResults.Ok(new WidgetAnswerResult(r.Completed, r.Next is null ? null : View(r.Next, r.Response.Language ?? def.DefaultLanguage, def.DefaultLanguage)));
            case AnswerFailure.NotFound: return TypedResults.NotFound();
            case AnswerFailure.Invalid: return Api.Validation.Problem((r.Field ?? "answers", r.Message ?? "is not valid"));
            default: return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: r.Failure == AnswerFailure.Closed ? "Survey closed" : "Already answered", detail: r.Message);
        }
    }

    private static WidgetQuestion View(SurveyQuestion q, string language, string fallback)
    {
        var (min, max) = q.IsScale ? q.Range : (0, 0);
        return new(q.Id, JsonNamingPolicy.CamelCase.ConvertName(q.Type.ToString()), q.TextIn(language, fallback), q.Required, q.IsScale ? min : null, q.IsScale ? max : null,
            q.Choices.Select(c => new WidgetChoice(c.Id, c.Text.GetValueOrDefault(language) ?? c.Text.GetValueOrDefault(fallback) ?? c.Id)).ToList());
    }
}
