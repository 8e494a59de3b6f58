using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Web.Api;

namespace Touchpoint.Web.Features.Service.Channels.Social;

/// <summary>Touchpoint:Social:WebhookSecret: the shared secret deliveries are signed with; no secret, no webhook.</summary>
public sealed record SocialWebhookOptions(string? Secret);

public sealed record SocialDelivery
{
    public string? Platform { get; init; }
    public string? Id { get; init; }
    public string? Handle { get; init; }
    public string? Name { get; init; }
    public string? Text { get; init; }
    public string? Permalink { get; init; }
    public string? InReplyTo { get; init; }
    public bool FromBrand { get; init; }
    public string? Account { get; init; }
    public DateTimeOffset? At { get; init; }
}

public sealed record SocialReceipt(string Outcome, long? TicketId, long? MessageId, string? Reason);

/// <summary>
/// POST /api/v1/channels/social/webhook: social messages pushed by a connector. Anonymous on purpose (the connector has
/// no user) but signed: HMAC-SHA256 over "{X-Touchpoint-Timestamp}.{raw body}" in X-Touchpoint-Signature. A wrong
/// signature or a stale timestamp is a 401 problem; a delivery id seen before is answered as a duplicate and stored once.
/// </summary>
public static class SocialWebhookApi
{
    public const string Limiter = "channels-webhook";
    public const int MaxBody = 256 * 1024;

    public static void MapSocialWebhookApi(this RouteGroupBuilder channels) =>
        channels.MapPost("/social/webhook", Receive).AllowAnonymous().RequireRateLimiting(Limiter).DisableAntiforgery().WithTags("Channels: social");

    public static async Task<Results<Ok<SocialReceipt>, ProblemHttpResult, ValidationProblem>> Receive(HttpRequest request, TouchpointDb db,
        SocialWebhookOptions options, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(options.Secret))
            return TypedResults.Problem(statusCode: 401, title: "Webhook not configured", detail: "no webhook secret is configured (Touchpoint:Social:WebhookSecret)");
        var now = clock.GetUtcNow();
        var (body, deliveryId, refused, invalid) = await SignedDelivery.ReadAsync(request, options.Secret, MaxBody, now, ct);
        if (refused is not null) return refused;
        if (invalid is not null || body is null) return invalid!;

        SocialDelivery? d;
        try { d = JsonSerializer.Deserialize<SocialDelivery>(body, JsonSerializerOptions.Web); }
        catch (JsonException e) { return Validation.Problem(("body", "is not valid JSON: " + e.Message)); }
        var errors = new List<(string, string)>();
        if (d is null) errors.Add(("body", "is empty"));
        else
        {
            if (string.IsNullOrWhiteSpace(d.Platform) || d.Platform.Length > 30) errors.Add(("platform", "is required (at most 30 characters)"));
            if (string.IsNullOrWhiteSpace(d.Id) || d.Id.Length > 150) errors.Add(("id", "is required (at most 150 characters)"));
            if (string.IsNullOrWhiteSpace(d.Handle) || d.Handle.Length > 150) errors.Add(("handle", "is required (at most 150 characters)"));
            if (string.IsNullOrWhiteSpace(d.Text)) errors.Add(("text", "is required"));
            else if (d.Text.Length > 20_000) errors.Add(("text", "is longer than 20,000 characters"));
            if (d.Permalink is { } p && !(Uri.TryCreate(p, UriKind.Absolute, out var u) && u.Scheme is "https" or "http"))
                errors.Add(("permalink", "must be an http(s) URL"));
        }
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());

        if (await db.Set<ChannelDelivery>().AnyAsync(x => x.Channel == SocialIntake.Channel && x.DeliveryId == deliveryId, ct))
            return TypedResults.Ok(new SocialReceipt("duplicate", null, null, "this delivery id was received before"));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Set<ChannelDelivery>().Add(new ChannelDelivery { Channel = SocialIntake.Channel, DeliveryId = deliveryId, ReceivedAtUtc = now.UtcDateTime });
        await db.SaveChangesAsync(ct);
        var r = await SocialIntake.ReceiveAsync(db, new SocialMessage(d!.Platform!.Trim(), d.Id!.Trim(), d.Handle!.Trim(), d.Text!, (d.At ?? now).UtcDateTime,
            d.FromBrand, d.InReplyTo, d.Permalink, d.Account, d.Name), now.UtcDateTime, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new SocialReceipt(r.Outcome.ToString().ToLowerInvariant(), r.TicketId, r.MessageId, r.Reason));
    }
}
