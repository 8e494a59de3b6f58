using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Customers;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Journeys;
using Touchpoint.Web.Api;

namespace Touchpoint.Web.Features.Journeys.Snippet;

/// <summary>One event as the snippet sends it; the visitor and channel come from the batch, never from the page.</summary>
public sealed record CollectEvent(string? Id, string? Type, string? OccurredAt, JsonElement? Properties);

/// <summary>"This visitor is that customer": a customer id (the shop's own) or an email, and optional traits (name).</summary>
public sealed record CollectIdentify(string? CustomerId, string? Email, Dictionary<string, string>? Traits);

/// <summary>Body of POST /api/v1/collect?key=…: the visitor's anonymous id, events and an optional identify.</summary>
public sealed record CollectBatch(string? AnonymousId, IReadOnlyList<CollectEvent>? Events, CollectIdentify? Identify);

public sealed record CollectResult(int Received, int Accepted, int Duplicates, IReadOnlyList<RejectedRow> Rejected, IdentifyOutcome? Identify);

/// <summary>
/// POST /api/v1/collect?key=tp_site_…: the public endpoint of the web snippet (/t.js). Anonymous on purpose (pages
/// have no user), but it only accepts a live site key, only from the key's allowed origins (the browser's Origin
/// header, answered with CORS headers for that origin alone), only events for the visitor's anonymous id, and it is
/// rate limited per key and address. Bodies are read as text whatever their content type: the snippet sends
/// text/plain so that browsers post without a CORS preflight, and sendBeacon works on unload.
/// </summary>
public static partial class CollectApi
{
    public const string Limiter = "snippet-collect";
    public const int MaxBody = 64 * 1024;
    public const int MaxEvents = 100;

    /// <summary>Snippet events get this prefix on their id, so a page can never occupy the id of another system's event.</summary>
    public const string IdPrefix = "web:";

    [GeneratedRegex("^[A-Za-z0-9_-]{8,100}$")]
    private static partial Regex VisitorId();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 16,
    };

    public static void MapCollectApi(this RouteGroupBuilder api) =>
        api.MapPost("/collect", Collect).AllowAnonymous().RequireRateLimiting(Limiter).DisableAntiforgery()
            .WithTags("Snippet").Accepts<CollectBatch>("text/plain", "application/json");

    public static async Task<Results<Ok<CollectResult>, ProblemHttpResult, ValidationProblem>> Collect(HttpContext http, string? key,
        TouchpointDb db, EventIngestion ingestion, TimeProvider clock, CancellationToken ct)
    {
        var site = string.IsNullOrEmpty(key) ? null : await db.SiteKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Key == key, ct);
        if (site is null || !site.IsActive)
            return TypedResults.Problem(statusCode: 401, title: "Unknown site key", detail: "the key query parameter names no live site key");
        var origin = http.Request.Headers.Origin.ToString();
        if (!site.Allows(origin))
            return TypedResults.Problem(statusCode: 403, title: "Origin not allowed",
                detail: origin.Length == 0 ? "the request has no Origin header" : $"'{origin}' is not an allowed origin of this site key");
        http.Response.Headers.AccessControlAllowOrigin = origin;
        http.Response.Headers.Vary = "Origin";

        var (raw, tooLarge) = await SignedDelivery.ReadBodyAsync(http.Request, MaxBody, ct);
        if (raw is null) return tooLarge!;
        CollectBatch? batch;
        try { batch = JsonSerializer.Deserialize<CollectBatch>(raw, Json); }
        catch (JsonException e) { return Validation.Problem(("body", "is not valid JSON: " + e.Message)); }
        if (batch is null) return Validation.Problem(("body", "is empty"));
        var errors = new List<(string, string)>();
        if (batch.AnonymousId is null || !VisitorId().IsMatch(batch.AnonymousId))
            errors.Add(("anonymousId", "is required: 8 to 100 letters, digits, - or _"));
        var events = batch.Events ?? [];
        if (events.Count > MaxEvents) errors.Add(("events", $"holds {events.Count} events; at most {MaxEvents} per request"));
        if (events.Count == 0 && batch.Identify is null) errors.Add(("events", "send at least one event or an identify"));
        CustomerRef? customer = null;
        if (batch.Identify is { } id)
        {
            customer = CustomerRef.From(id.CustomerId, id.Email, null, null);
            if (customer is null) errors.Add(("identify", "needs a customerId or an email"));
            else if (customer.Value.Value.Length > 200) errors.Add(("identify", "the customer id or email is longer than 200 characters"));
            else if (customer.Value.Kind == IdentityKind.Email && !customer.Value.Value.Contains('@')) errors.Add(("identify.email", "is not an email address"));
            if (id.Traits is { } traits && (traits.Count > 20 || traits.Any(t => t.Key.Length > 50 || t.Value.Length > 300)))
                errors.Add(("identify.traits", "at most 20 traits of at most 300 characters"));
        }
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());

        var inputs = events.Select(e => new EventInput
        {
            Id = string.IsNullOrWhiteSpace(e.Id) ? null : IdPrefix + e.Id.Trim(),
            AnonymousId = batch.AnonymousId,
            Type = e.Type,
            Channel = "web",
            OccurredAt = e.OccurredAt,
            Properties = e.Properties,
        }).ToList();
        var report = inputs.Count > 0 ? await ingestion.IngestAsync(inputs, "snippet", ct: ct) : new IngestReport(0, 0, []);

        IdentifyOutcome? identified = null;
        if (customer is { } who)
        {
            var name = batch.Identify!.Traits?.GetValueOrDefault("name");
            identified = await VisitorMerge.IdentifyAsync(db, batch.AnonymousId!, who, name, clock.GetUtcNow().UtcDateTime, ct);
        }
        return TypedResults.Ok(new CollectResult(report.Received, report.Accepted, report.Duplicates, report.Rejected, identified));
    }
}
