using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;
using Touchpoint.Web.Api;
using Touchpoint.Web.Features.Customers;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Journeys;

/// <summary>Body of POST /api/v1/events/batch.</summary>
public sealed record EventBatch(IReadOnlyList<EventInput>? Events);

/// <summary>Answer to an intake call; rejected rows carry their 0-based index in the batch.</summary>
public sealed record EventBatchResult(int Received, int Accepted, int Duplicates, IReadOnlyList<RejectedRow> Rejected);

/// <summary>/api/v1/events: touchpoint intake from any system (single and batch) and event listing.</summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/events").WithTags("Events");
        g.MapPost("/batch", Batch).RequireAuthorization(Policies.Write).Accepts<EventBatch>("application/json");
        g.MapPost("/", Single).RequireAuthorization(Policies.Write);
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        return g;
    }

    /// <summary>
    /// Stores up to 10,000 events. Good rows are stored even when others are bad; duplicates (same client id as a
    /// stored event) are counted, not errors. 200 with the report whenever the batch itself is well formed.
    /// </summary>
    public static async Task<Results<Ok<EventBatchResult>, ValidationProblem, StatusCodeHttpResult>> Batch(EventIngestion ingestion, HttpRequest request,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        // The body is read by hand (EventBatchBody) for speed; the content type check is the framework's own rule.
        if (!request.HasJsonContentType()) return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        var body = await EventBatchBody.ReadAsync(request, json.Value.SerializerOptions, ct);
        if (body?.Events is null) return Validation.Problem(("events", "is required"));
        if (body.Events.Count == 0) return Validation.Problem(("events", "must hold at least one event"));
        if (body.Events.Count > EventIngestion.MaxBatch) return Validation.Problem(("events", $"holds {body.Events.Count} events; at most {EventIngestion.MaxBatch} per request"));
        var report = await ingestion.IngestAsync(body.Events, "api", ct: ct);
        return TypedResults.Ok(new EventBatchResult(report.Received, report.Accepted, report.Duplicates, report.Rejected));
    }

    /// <summary>Stores one event: 201 when new, 200 when its id was already stored, 400 naming the bad fields.</summary>
    public static async Task<Results<Created<EventBatchResult>, Ok<EventBatchResult>, ValidationProblem>> Single(EventIngestion ingestion, EventInput body, CancellationToken ct)
    {
        var report = await ingestion.IngestAsync([body], "api", ct: ct);
        if (report.Rejected.Count > 0) return Validation.Problem(report.Rejected[0].Errors);
        var result = new EventBatchResult(1, report.Accepted, report.Duplicates, []);
        return report.Accepted == 1 ? TypedResults.Created((string?)null, result) : TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<CursorPage<TimelineEntry>>, ValidationProblem>> List(
        TouchpointDb db, long? customerId, string? type, string? cursor, int? limit, CancellationToken ct)
    {
        var (take, after, errors) = Cursor.Read(limit, cursor);
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        var q = db.Events.AsNoTracking();
        if (customerId is not null) q = q.Where(e => e.CustomerId == customerId);
        if (!string.IsNullOrWhiteSpace(type)) q = q.Where(e => e.Type == type.Trim().ToLowerInvariant());
        var rows = await q.Where(e => after == null || e.Id < after).OrderByDescending(e => e.Id).Take(take + 1).ToListAsync(ct);
        var items = rows.Select(e => new TimelineEntry(e.Id, e.Type, e.Channel, e.OccurredAt, e.PropertiesJson, e.Value, e.Currency,
            e.Source, e.RefKind, e.RefId, CustomerTimeline.LinkFor(e.RefKind, e.RefId))).ToList();
        return TypedResults.Ok(Cursor.Page(items, take, e => e.Id));
    }
}
