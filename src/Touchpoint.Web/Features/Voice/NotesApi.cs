using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Voice;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Voice;

public sealed record NoteInput
{
    public string? Kind { get; init; }
    public string? Title { get; init; }
    public string? Text { get; init; }
    public string? Author { get; init; }
    public DateOnly? NotedOn { get; init; }
    public List<string>? Stages { get; init; }
    public List<string>? Touchpoints { get; init; }
    public List<long>? CustomerIds { get; init; }

    /// <summary>The draft to store; without an author, whoever writes it (a user's name or an API key's name).</summary>
    public NoteDraft ToDraft(ClaimsPrincipal user) => new(Kind, Title, Text,
        string.IsNullOrWhiteSpace(Author) ? user.FindFirstValue(ClaimTypes.Name) ?? user.Identity?.Name ?? "" : Author, NotedOn, Stages, Touchpoints, CustomerIds);
}

/// <summary>/api/v1/voice/notes: interview and observation notes, tagged to stages, touchpoints and customers, searchable (Read; changes Write).</summary>
public static class NotesApi
{
    public static RouteGroupBuilder MapNotesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/voice/notes").WithTags("Voice");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        g.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Write);
        g.MapPut("/{id:long}", Update).RequireAuthorization(Policies.Write);
        g.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.Write);
        return g;
    }

    /// <summary>GET /api/v1/voice/notes?q=late+delivery&amp;stage=delivery&amp;touchpoint=order.delivered&amp;customerId=&amp;kind=interview&amp;limit=100</summary>
    public static async Task<Results<Ok<IReadOnlyList<NoteView>>, ValidationProblem>> List(TouchpointDb db, string? q, string? stage, string? touchpoint, long? customerId, string? kind, int? limit, CancellationToken ct)
    {
        if (q is { Length: > 200 }) return Validation.Problem(("q", "is longer than 200 characters"));
        if (limit is < 1 or > 500) return Validation.Problem(("limit", "must be 1-500"));
        if (kind is { Length: > 0 } && !QualitativeNote.Kinds.Contains(kind)) return Validation.Problem(("kind", $"must be one of {string.Join(", ", QualitativeNote.Kinds)}"));
        return TypedResults.Ok(await QualitativeNotes.ListAsync(db, new NoteFilter(q, stage, touchpoint, customerId, kind, limit ?? 100), null, ct));
    }

    public static async Task<Results<Ok<NoteView>, NotFound>> Get(TouchpointDb db, long id, CancellationToken ct) =>
        (await QualitativeNotes.ListAsync(db, new NoteFilter(), [id], ct)).SingleOrDefault() is { } n ? TypedResults.Ok(n) : TypedResults.NotFound();

    public static async Task<Results<Created<NoteView>, ValidationProblem>> Create(TouchpointDb db, TimeProvider clock, ClaimsPrincipal user, NoteInput input, CancellationToken ct)
    {
        var (note, errors) = await QualitativeNotes.SaveAsync(db, null, input.ToDraft(user), clock.GetUtcNow().UtcDateTime, ct);
        return note is null ? Validation.Problem(errors.ToArray()) : TypedResults.Created($"/api/v1/voice/notes/{note.Id}", note);
    }

    public static async Task<Results<Ok<NoteView>, NotFound, ValidationProblem>> Update(TouchpointDb db, TimeProvider clock, ClaimsPrincipal user, long id, NoteInput input, CancellationToken ct)
    {
        var (note, errors) = await QualitativeNotes.SaveAsync(db, id, input.ToDraft(user), clock.GetUtcNow().UtcDateTime, ct);
        if (note is not null) return TypedResults.Ok(note);
        return errors.Count == 0 ? TypedResults.NotFound() : Validation.Problem(errors.ToArray());
    }

    public static async Task<Results<NoContent, NotFound>> Delete(TouchpointDb db, long id, CancellationToken ct) =>
        await QualitativeNotes.DeleteAsync(db, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
