namespace Touchpoint.Domain.Journeys;

/// <summary>
/// One interaction of one customer with the company, from any system: a page view, an order, a delivery scan,
/// a ticket message, a survey answer. The single timeline of the product is the list of these.
/// </summary>
public sealed class TouchpointEvent
{
    public long Id { get; set; }

    /// <summary>Client-supplied id; unique, so a retried delivery is stored once.</summary>
    public string ClientEventId { get; set; } = "";

    public long CustomerId { get; set; }

    /// <summary>Dotted lower-case type such as "order.delivered" or "ticket.message".</summary>
    public string Type { get; set; } = "";

    /// <summary>web, email, chat, phone, social, store, app, form, api, ...</summary>
    public string Channel { get; set; } = "";

    /// <summary>When it happened, in UTC. Sorting and windows use this.</summary>
    public DateTime OccurredAtUtc { get; set; }

    /// <summary>The UTC offset the source gave, in minutes, so local time can be shown as the customer lived it.</summary>
    public short OffsetMinutes { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    /// <summary>Properties as a JSON object, or null.</summary>
    public string? PropertiesJson { get; set; }

    /// <summary>Optional monetary value (order total, refund, invoice).</summary>
    public decimal? Value { get; set; }

    /// <summary>ISO 4217 code of <see cref="Value"/>.</summary>
    public string? Currency { get; set; }

    /// <summary>Where the event came from: api, cli, webhook, snippet, service, voice, demo.</summary>
    public string Source { get; set; } = "";

    /// <summary>Set when this event stands for a record elsewhere (a ticket, a message, a survey answer).</summary>
    public string? RefKind { get; set; }
    public long? RefId { get; set; }

    public DateTimeOffset OccurredAt => new DateTimeOffset(DateTime.SpecifyKind(OccurredAtUtc, DateTimeKind.Unspecified), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(OffsetMinutes));
}
