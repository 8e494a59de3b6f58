using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Web.Api;

/// <summary>
/// The body of a public request read with a size limit, and the check every signed webhook makes before it looks at
/// the body: HMAC-SHA256 over "{X-Touchpoint-Timestamp}.{raw body}" in X-Touchpoint-Signature
/// (<see cref="WebhookSignature"/>), a timestamp within the replay window, and a delivery id. One place, so the
/// social webhook and the event webhooks refuse the same things in the same words.
/// </summary>
public static class SignedDelivery
{
    public const string TimestampHeader = "X-Touchpoint-Timestamp";
    public const string SignatureHeader = "X-Touchpoint-Signature";
    public const string DeliveryHeader = "X-Touchpoint-Delivery";

    /// <summary>The raw body, or a 413 problem when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        var tooLarge = TypedResults.Problem(statusCode: 413, title: "Too large", detail: $"a delivery is at most {maxBytes} bytes");
        if (request.ContentLength > maxBytes) return (null, tooLarge);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        // Read in chunks and stop early: a client that sends no Content-Length cannot make us buffer more than the limit.
        while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > maxBytes) return (null, tooLarge);
        }
        return (buffer.ToArray(), null);
    }

    /// <summary>
    /// The body and delivery id of a genuine, fresh delivery; otherwise a 401 problem saying why (wrong signature,
    /// stale timestamp), a 413 for a body over the limit, or a 400 for a missing delivery id.
    /// </summary>
    public static async Task<(byte[]? Body, string DeliveryId, ProblemHttpResult? Refused, ValidationProblem? Invalid)> ReadAsync(HttpRequest request, string secret, int maxBytes,
        DateTimeOffset now, CancellationToken ct)
    {
        var (body, tooLarge) = await ReadBodyAsync(request, maxBytes, ct);
        if (body is null) return (null, "", tooLarge, null);
        if (WebhookSignature.Check(secret, request.Headers[TimestampHeader], request.Headers[SignatureHeader], body, now) is { } why)
            return (null, "", TypedResults.Problem(statusCode: 401, title: "Delivery refused", detail: why), null);
        var deliveryId = request.Headers[DeliveryHeader].ToString();
        if (deliveryId.Length is 0 or > 200)
            return (null, "", null, Validation.Problem((DeliveryHeader, "the delivery id header is required (at most 200 characters)")));
        return (body, deliveryId, null, null);
    }
}
