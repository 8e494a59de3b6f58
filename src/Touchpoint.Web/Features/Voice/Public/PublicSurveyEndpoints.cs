using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Voice;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Voice.Public;

/// <summary>Body of the public JSON answer API: answers by question id, the language, and the honeypot.</summary>
public sealed record PublicAnswerInput
{
    public Dictionary<string, SurveyAnswerValue>? Answers { get; init; }
    public string? Language { get; init; }
    /// <summary>Honeypot: people never fill it (it is hidden on the page); a filled one is treated as spam.</summary>
    public string? Website { get; init; }
}

public sealed record PublicAnswerResult(long ResponseId, string Token, bool Completed, string? NextQuestion, int? Score);

/// <summary>
/// The anonymous answer path: the page /s/{token} and /s/survey/{id} (static HTML, forms posting back to the same
/// address) and the JSON API under /api/v1/public. Both are rate limited per client address and carry a honeypot.
/// Errors are shown on the page with the matching status (400 invalid answer, 404 unknown link, 409 closed survey or
/// already answered); the API answers with problem documents.
/// </summary>
public static class PublicSurveyEndpoints
{
    public const string Limiter = "survey-answer";

    public static IEndpointRouteBuilder MapPublicSurveys(this IEndpointRouteBuilder app)
    {
        app.MapGet("/s/{token}", ShowToken).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/s/{token}", AnswerToken).AllowAnonymous().RequireRateLimiting(Limiter).ExcludeFromDescription();
        app.MapPost("/s/{token}/unsubscribe", Unsubscribe).AllowAnonymous().RequireRateLimiting(Limiter).ExcludeFromDescription();
        app.MapGet("/s/survey/{id:long}", ShowAnonymous).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/s/survey/{id:long}", AnswerAnonymous).AllowAnonymous().RequireRateLimiting(Limiter).ExcludeFromDescription();

        var api = app.MapGroup("/api/v1/public").WithTags("Public survey answers").AllowAnonymous().RequireRateLimiting(Limiter);
        api.MapPost("/responses/{token}", ApiAnswerToken);
        api.MapPost("/surveys/{id:long}/responses", ApiAnswerAnonymous);
        return app;
    }

    // ---- page ----

    private static async Task<IResult> ShowToken(HttpContext http, TouchpointDb db, IAntiforgery af, TimeProvider clock, string token, string? lang, CancellationToken ct)
    {
        var s = await SurveyAnswering.LoadAsync(db, token, ct);
        if (s is not null) await SurveyAnswering.MarkOpenedAsync(db, token, clock.GetUtcNow().UtcDateTime, ct);
        return Render(http, af, s, $"/s/{Uri.EscapeDataString(token)}", lang, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> ShowAnonymous(HttpContext http, TouchpointDb db, IAntiforgery af, long id, string? lang, CancellationToken ct)
    {
        var s = await SurveyAnswering.LoadAnonymousAsync(db, id, ct);
        return Render(http, af, s, $"/s/survey/{id}", lang, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> AnswerToken(HttpContext http, TouchpointDb db, ClosedLoop loop, IAntiforgery af, TimeProvider clock, string token,
        [FromForm] string? question, [FromForm] string? lang, [FromForm] string? website, [FromForm] string? skip, CancellationToken ct)
    {
        var action = $"/s/{Uri.EscapeDataString(token)}";
        if (!string.IsNullOrEmpty(website)) return Honeypot(http, af);
        var answers = FromForm(http.Request.Form, question, skip);
        var r = await SurveyAnswering.SubmitAsync(db, loop, token, answers, lang, clock.GetUtcNow(), ct);
        return await AfterSubmit(http, db, af, r, action, lang, ct);
    }

    private static async Task<IResult> AnswerAnonymous(HttpContext http, TouchpointDb db, ClosedLoop loop, IAntiforgery af, TimeProvider clock, long id,
        [FromForm] string? question, [FromForm] string? lang, [FromForm] string? website, [FromForm] string? skip, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(website)) return Honeypot(http, af);
        var answers = FromForm(http.Request.Form, question, skip);
        var r = await SurveyAnswering.SubmitAnonymousAsync(db, loop, id, answers, lang, clock.GetUtcNow(), ct);
        if (r.Succeeded) return Results.Redirect($"/s/{Uri.EscapeDataString(r.Token!)}{LangQuery(lang)}");
        if (r.Failure == AnswerFailure.Invalid)
        {
            var s = await SurveyAnswering.LoadAnonymousAsync(db, id, ct);
            return Render(http, af, s, $"/s/survey/{id}", lang, r.Message, StatusCodes.Status400BadRequest);
        }
        return Render(http, af, null, $"/s/survey/{id}", lang, r.Message, r.Failure == AnswerFailure.Closed ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound,
            r.Failure == AnswerFailure.Closed ? SurveyAnswerPage.PageState.Closed : SurveyAnswerPage.PageState.NotFound);
    }

    private static async Task<IResult> Unsubscribe(HttpContext http, TouchpointDb db, IAntiforgery af, TimeProvider clock, string token, [FromForm] string? unused, CancellationToken ct)
    {
        var s = await SurveyAnswering.LoadAsync(db, token, ct);
        if (s is null) return Render(http, af, null, "", null, null, StatusCodes.Status404NotFound);
        await SurveyAnswering.UnsubscribeAsync(db, token, clock.GetUtcNow().UtcDateTime, ct);
        return Page(http, af, SurveyAnswerPage.PageState.Unsubscribed, s.Survey.Name, null, null, null, 1, s.Definition.DefaultLanguage, "", null, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> AfterSubmit(HttpContext http, TouchpointDb db, IAntiforgery af, AnswerResult r, string action, string? lang, CancellationToken ct)
    {
        if (r.Succeeded) return Results.Redirect(action + LangQuery(lang)); // post-redirect-get: a reload never re-posts
        var token = action["/s/".Length..];
        var s = await SurveyAnswering.LoadAsync(db, Uri.UnescapeDataString(token), ct);
        var status = r.Failure switch
        {
            AnswerFailure.Invalid => StatusCodes.Status400BadRequest,
            AnswerFailure.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status409Conflict,
        };
        return Render(http, af, s, action, lang, r.Message, status);
    }

    private static string LangQuery(string? lang) => lang is { Length: > 0 and <= 20 } ? "?lang=" + Uri.EscapeDataString(lang) : "";

    /// <summary>A filled honeypot gets the same thank-you a person would, so a bot learns nothing; nothing is stored.</summary>
    private static IResult Honeypot(HttpContext http, IAntiforgery af) =>
        Page(http, af, SurveyAnswerPage.PageState.Thanks, "Survey", null, null, null, 1, "en", "", null, null, StatusCodes.Status200OK);

    private static Dictionary<string, SurveyAnswerValue> FromForm(IFormCollection form, string? question, string? skip)
    {
        if (string.IsNullOrEmpty(question)) return [];
        SurveyAnswerValue value;
        if (skip == "1") value = new SurveyAnswerValue();
        else if (form.TryGetValue("value", out var v) && v.Count > 0 && !string.IsNullOrEmpty(v[0]))
            value = int.TryParse(v[0], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? new SurveyAnswerValue { Number = n }
                : new SurveyAnswerValue { Text = v[0] }; // a non-number on a scale is refused by the question's check
        else if (form.TryGetValue("choice", out var c) && c.Count > 0) value = new SurveyAnswerValue { Choices = c.Where(x => !string.IsNullOrEmpty(x)).Select(x => x!).ToList() };
        else if (form.TryGetValue("text", out var t) && !string.IsNullOrWhiteSpace(t)) value = new SurveyAnswerValue { Text = t.ToString() };
        else value = new SurveyAnswerValue();
        return new() { [question] = value };
    }

    private static IResult Render(HttpContext http, IAntiforgery af, AnswerSession? s, string action, string? lang, string? error, int status,
        SurveyAnswerPage.PageState? forced = null)
    {
        if (s is null)
            return Page(http, af, forced ?? SurveyAnswerPage.PageState.NotFound, forced == SurveyAnswerPage.PageState.Closed ? "This survey is closed" : "Survey not found",
                null, null, null, 1, "en", action, null,
                error ?? (forced == SurveyAnswerPage.PageState.Closed ? null : "This survey link is not valid. It may have been mistyped."), status);
        var def = s.Definition;
        var language = lang is { } l && def.Languages.Contains(l) ? l : s.Response?.Language ?? def.DefaultLanguage;
        var unsubscribe = s.Invitation?.CustomerId is not null ? $"/s/{Uri.EscapeDataString(s.Invitation.Token)}/unsubscribe" : null;
        if (s.Unsubscribed && s.Response?.CompletedAtUtc is null && error is null)
            return Page(http, af, SurveyAnswerPage.PageState.Unsubscribed, s.Survey.Name, def, null, null, 1, language, action, null, null, status);
        if (s.Response?.CompletedAtUtc is not null)
            return Page(http, af, SurveyAnswerPage.PageState.Thanks, s.Survey.Name, def, null, null, 1, language, action, unsubscribe, error, status);
        if (s.Survey.Status != SurveyStatus.Live)
            return Page(http, af, SurveyAnswerPage.PageState.Closed, s.Survey.Name, def, null, null, 1, language, action, null,
                error ?? (s.Survey.Status == SurveyStatus.Draft ? "This survey is not open yet." : "This survey is closed and takes no more answers. Thank you for your time."),
                status == StatusCodes.Status200OK ? StatusCodes.Status409Conflict : status);
        var current = s.Current;
        var step = SurveyFlow.Path(def, s.Answers).Count;
        return Page(http, af, SurveyAnswerPage.PageState.Question, s.Survey.Name, def, current, current is null ? null : s.Answers.GetValueOrDefault(current.Id),
            step, language, action, unsubscribe, error is null ? null : Sentence(error), status);
    }

    private static string Sentence(string m) => char.ToUpperInvariant(m[0]) + m[1..] + (m.EndsWith('.') ? "" : ".");

    private static IResult Page(HttpContext http, IAntiforgery af, SurveyAnswerPage.PageState state, string title, SurveyDefinition? def, SurveyQuestion? q,
        SurveyAnswerValue? previous, int step, string language, string action, string? unsubscribe, string? error, int status)
    {
        var tokens = af.GetAndStoreTokens(http);
        http.Response.Headers.CacheControl = "no-store";
        return new RazorComponentResult<SurveyAnswerPage>(new Dictionary<string, object?>
        {
            [nameof(SurveyAnswerPage.State)] = state,
            [nameof(SurveyAnswerPage.Title)] = title,
            [nameof(SurveyAnswerPage.Definition)] = def,
            [nameof(SurveyAnswerPage.Question)] = q,
            [nameof(SurveyAnswerPage.Previous)] = previous,
            [nameof(SurveyAnswerPage.Step)] = step,
            [nameof(SurveyAnswerPage.Language)] = language,
            [nameof(SurveyAnswerPage.Action)] = action,
            [nameof(SurveyAnswerPage.UnsubscribeAction)] = unsubscribe,
            [nameof(SurveyAnswerPage.Error)] = error,
            [nameof(SurveyAnswerPage.Antiforgery)] = tokens.RequestToken,
        }) { StatusCode = status };
    }

    // ---- JSON API ----

    public static async Task<Results<Ok<PublicAnswerResult>, NotFound, ValidationProblem, ProblemHttpResult>> ApiAnswerToken(
        TouchpointDb db, ClosedLoop loop, TimeProvider clock, string token, PublicAnswerInput input, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(input.Website)) return SpamProblem();
        return ApiResult(await SurveyAnswering.SubmitAsync(db, loop, token, input.Answers ?? [], input.Language, clock.GetUtcNow(), ct));
    }

    public static async Task<Results<Ok<PublicAnswerResult>, NotFound, ValidationProblem, ProblemHttpResult>> ApiAnswerAnonymous(
        TouchpointDb db, ClosedLoop loop, TimeProvider clock, long id, PublicAnswerInput input, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(input.Website)) return SpamProblem();
        return ApiResult(await SurveyAnswering.SubmitAnonymousAsync(db, loop, id, input.Answers ?? [], input.Language, clock.GetUtcNow(), ct));
    }

    private static ProblemHttpResult SpamProblem() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Refused as spam", detail: "The 'website' field must be empty.");

    private static Results<Ok<PublicAnswerResult>, NotFound, ValidationProblem, ProblemHttpResult> ApiResult(AnswerResult r) => r.Failure switch
    {
        AnswerFailure.None => TypedResults.Ok(new PublicAnswerResult(r.Response!.Id, r.Token!, r.Completed, r.Next?.Id, r.Response.Score)),
        AnswerFailure.NotFound => TypedResults.NotFound(),
        AnswerFailure.Invalid => Api.Validation.Problem((r.Field ?? "answers", r.Message ?? "is not valid")),
        AnswerFailure.Closed => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The survey is closed", detail: r.Message),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already answered", detail: r.Message),
    };
}
