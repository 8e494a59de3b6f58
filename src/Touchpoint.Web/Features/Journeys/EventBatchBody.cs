using System.Buffers;
using System.Text.Json;
using Touchpoint.Data.Ingestion;

namespace Touchpoint.Web.Features.Journeys;

/// <summary>
/// Reads the body of POST /api/v1/events/batch: the whole body into one pooled buffer, then the fast event reader
/// (<see cref="EventJson"/>); whatever that reader leaves to the serializer is deserialised as the framework would,
/// so malformed JSON, unknown fields and wrong types fail with the same exception and the same problem document.
/// Kestrel's body size limit still applies while the body is read (413).
/// </summary>
public static class EventBatchBody
{
    public static async Task<EventBatch?> ReadAsync(HttpRequest request, JsonSerializerOptions json, CancellationToken ct)
    {
        var length = request.ContentLength is > 0 and <= int.MaxValue ? (int)request.ContentLength.Value : 64 * 1024;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var n = 0;
            while (true)
            {
                if (n == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, n).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(n), ct);
                if (read == 0) break;
                n += read;
            }
            var body = buffer.AsSpan(0, n);
            return EventJson.TryReadBatch(body) is { } events
                ? new EventBatch(events)
                : JsonSerializer.Deserialize<EventBatch>(body, json);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
