namespace Touchpoint.Domain.Service.Channels;

/// <summary>A webhook delivery already taken in; a replay of the same delivery id is refused.</summary>
public sealed class ChannelDelivery
{
    public long Id { get; set; }
    public string Channel { get; set; } = "";
    public string DeliveryId { get; set; } = "";
    public DateTime ReceivedAtUtc { get; set; }
}
