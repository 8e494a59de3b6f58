using System.Globalization;
using System.Text.Json;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Bench;

/// <summary>
/// The events every ingestion path is measured on: deterministic, 1 customer per 100 events, realistic types,
/// channels and a small properties object, so all paths write the same rows.
/// </summary>
public static class SyntheticEvents
{
    private static readonly string[] Types = ["site.visited", "cart.created", "order.placed", "payment.succeeded", "order.shipped", "order.delivered", "ticket.created", "survey.answered"];
    private static readonly string[] Channels = ["web", "email", "app", "store", "chat"];

    public static IEnumerable<EventInput> Generate(int count, string runTag)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));
        for (var i = 0; i < count; i++)
        {
            yield return new EventInput
            {
                Id = $"{runTag}-{i}",
                CustomerId = $"B{i / 100:D7}",
                Type = Types[i % Types.Length],
                Channel = Channels[i % Channels.Length],
                OccurredAt = start.AddSeconds(i * 7L).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                Properties = JsonDocument.Parse($"{{\"order_id\":\"O{i / 5}\",\"step\":{i % 7}}}").RootElement,
                Value = i % Types.Length == 2 ? 10 + (i % 90) : null,
                Currency = i % Types.Length == 2 ? "EUR" : null,
            };
        }
    }
}
