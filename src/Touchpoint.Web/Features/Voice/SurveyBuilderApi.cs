using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Voice;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Touchpoint.Web.Features.Voice;

/// <summary>Body of POST /api/v1/surveys and PUT /api/v1/surveys/{id}.</summary>
public sealed record SurveyInput
{
    public string? Name { get; init; }
    public SurveyDefinition? Definition { get; init; }
    public bool? AllowAnonymous { get; init; }
}

public sealed record SurveyDetail(long Id, string Name, string Kind, string Status, int Version, bool AllowAnonymous, SurveyDefinition Definition,
    DateTime CreatedAt, DateTime? PublishedAt, DateTime? ClosedAt, string? PublicLink);

/// <summary>Survey builder API: create, edit (versioned), publish and close. Write policy; problems name the field and question.</summary>
public static class SurveyBuilderApi
{
    public static RouteGroupBuilder MapSurveyBuilderApi(this RouteGroupBuilder surveys)
    {
        surveys.MapPost("/", Create).RequireAuthorization(Policies.Write);
        surveys.MapPut("/{id:long}", Update).RequireAuthorization(Policies.Write);
        surveys.MapPost("/{id:long}/publish", Publish).RequireAuthorization(Policies.Write);
        surveys.MapPost("/{id:long}/close", Close).RequireAuthorization(Policies.Write);
        surveys.MapGet("/{id:long}/definition", Definition).RequireAuthorization(Policies.Read);
        return surveys;
    }

    public static SurveyDetail ToDetail(Survey s) => new(s.Id, s.Name, s.Kind.ToString().ToLowerInvariant(), s.Status.ToString().ToLowerInvariant(), s.Version,
        s.AllowAnonymous, SurveyDefinition.FromJson(s.DefinitionJson, s.Kind, s.Question), s.CreatedAtUtc, s.PublishedAtUtc, s.ClosedAtUtc,
        s.AllowAnonymous ? $"/s/survey/{s.Id}" : null);

    public static async Task<Results<Created<SurveyDetail>, ValidationProblem>> Create(TouchpointDb db, TimeProvider clock, SurveyInput input, CancellationToken ct)
    {
        var r = await SurveyEditor.CreateAsync(db, input.Name, input.Definition, input.AllowAnonymous ?? false, clock.GetUtcNow().UtcDateTime, ct);
        if (!r.Succeeded) return Problem(r.Errors);
        return TypedResults.Created($"/api/v1/surveys/{r.Survey!.Id}", ToDetail(r.Survey));
    }

    public static async Task<Results<Ok<SurveyDetail>, NotFound, ValidationProblem, ProblemHttpResult>> Update(TouchpointDb db, TimeProvider clock, long id, SurveyInput input, CancellationToken ct) =>
        Answer(await SurveyEditor.UpdateAsync(db, id, input.Name, input.Definition, input.AllowAnonymous, clock.GetUtcNow().UtcDateTime, ct));

    public static async Task<Results<Ok<SurveyDetail>, NotFound, ValidationProblem, ProblemHttpResult>> Publish(TouchpointDb db, TimeProvider clock, long id, CancellationToken ct) =>
        Answer(await SurveyEditor.PublishAsync(db, id, clock.GetUtcNow().UtcDateTime, ct));

    public static async Task<Results<Ok<SurveyDetail>, NotFound, ValidationProblem, ProblemHttpResult>> Close(TouchpointDb db, TimeProvider clock, long id, CancellationToken ct) =>
        Answer(await SurveyEditor.CloseAsync(db, id, clock.GetUtcNow().UtcDateTime, ct));

    /// <summary>The definition of the current version, or of ?version=N (the one answers of that version saw).</summary>
    public static async Task<Results<Ok<SurveyDefinition>, NotFound>> Definition(TouchpointDb db, long id, int? version, CancellationToken ct)
    {
        var s = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null || version is < 1 || version > s.Version) return TypedResults.NotFound();
        return TypedResults.Ok(await SurveyEditor.DefinitionAsync(db, s, version ?? s.Version, ct));
    }

    private static Results<Ok<SurveyDetail>, NotFound, ValidationProblem, ProblemHttpResult> Answer(SurveyChange r)
    {
        if (r.NotFound) return TypedResults.NotFound();
        if (r.Conflict) return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The survey's state does not allow this",
            detail: string.Join("; ", r.Errors.Select(e => e.Message)));
        if (!r.Succeeded) return Problem(r.Errors);
        return TypedResults.Ok(ToDetail(r.Survey!));
    }

    private static ValidationProblem Problem(IReadOnlyList<DefinitionError> errors) => Validation.Problem(errors.Select(e => (e.Field, e.Message)).ToArray());
}
