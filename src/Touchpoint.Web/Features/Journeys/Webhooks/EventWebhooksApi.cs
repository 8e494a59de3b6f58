using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Web.Api;

namespace Touchpoint.Web.Features.Journeys.Webhooks;

/// <summary>
/// POST /api/v1/webhooks/events/{source}: touchpoint events pushed by another system, signed with that source's
/// secret (<see cref="SignedDelivery"/>: HMAC-SHA256 over "{timestamp}.{body}", five-minute window). The body is an
/// event batch as for /api/v1/events/batch and goes through the same intake. A delivery id seen before is refused
/// (409), and events are idempotent by their client id whatever the delivery, so a retry never stores twice.
/// </summary>
public static class EventWebhooksApi
{
    public const string Limiter = "event-webhooks";
    public const int MaxBody = 5 * 1024 * 1024;

    public static void MapEventWebhooksApi(this RouteGroupBuilder api) =>
        api.MapPost("/webhooks/events/{source}", Receive).AllowAnonymous().RequireRateLimiting(Limiter).DisableAntiforgery()
            .WithTags("Webhooks").Accepts<EventBatch>("application/json");

    /// <summary>The replay record's channel: one namespace per source, so two sources may reuse each other's delivery ids.</summary>
    public static string Channel(string source) => "ev:" + source;

    /// <summary>What the events of a source carry as their source ("wh:shop"), so they can be told apart and removed.</summary>
    public static string Source(string source) => "wh:" + source;

    public static async Task<Results<Ok<EventBatchResult>, ProblemHttpResult, ValidationProblem>> Receive(HttpRequest request, string source,
        TouchpointDb db, EventIngestion ingestion, TimeProvider clock, CancellationToken ct)
    {
        var s = await db.EventWebhookSources.AsNoTracking().FirstOrDefaultAsync(x => x.Key == source, ct);
        if (s is null || !s.IsActive)
            return TypedResults.Problem(statusCode: 401, title: "Delivery refused", detail: $"no live webhook source '{source}'");
        var now = clock.GetUtcNow();
        var (body, deliveryId, refused, invalid) = await SignedDelivery.ReadAsync(request, s.Secret, MaxBody, now, ct);
        if (refused is not null) return refused;
        if (invalid is not null || body is null) return invalid!;
        var channel = Channel(s.Key);
        if (await db.Set<ChannelDelivery>().AnyAsync(d => d.Channel == channel && d.DeliveryId == deliveryId, ct))
            return TypedResults.Problem(statusCode: 409, title: "Replayed delivery",
                detail: $"delivery '{deliveryId}' was received before; its events are stored (a retry needs no new delivery)");

        EventBatch? batch;
        try { batch = JsonSerializer.Deserialize<EventBatch>(body, JsonSerializerOptions.Web); }
        catch (JsonException e) { return Validation.Problem(("body", "is not valid JSON: " + e.Message)); }
        if (batch?.Events is not { Count: > 0 } events) return Validation.Problem(("events", "must hold at least one event"));
        if (events.Count > EventIngestion.MaxBatch) return Validation.Problem(("events", $"holds {events.Count} events; at most {EventIngestion.MaxBatch} per delivery"));

        // Events first, then the delivery: a failure in between leaves a delivery that may be retried, and the retry
        // stores nothing twice because events are idempotent by client id.
        var report = await ingestion.IngestAsync(events, Source(s.Key), ct: ct);
        db.Set<ChannelDelivery>().Add(new ChannelDelivery { Channel = channel, DeliveryId = deliveryId, ReceivedAtUtc = now.UtcDateTime });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); } // the same delivery arrived twice at once; its events are stored once
        return TypedResults.Ok(new EventBatchResult(report.Received, report.Accepted, report.Duplicates, report.Rejected));
    }
}
