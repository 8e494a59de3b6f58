using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Data.Service.Channels;

/// <summary>Keeps what a channel could not put on a ticket, with the reason and the raw bytes.</summary>
public static class Quarantine
{
    public static async Task<QuarantinedMessage> KeepAsync(TouchpointDb db, ChannelFiles files, string channel, string reason,
        ReadOnlyMemory<byte> raw, string sender, string subject, DateTime atUtc, CancellationToken ct, long? ticketMessageId = null, string fileName = "message.eml")
    {
        var (path, _) = await files.SaveAsync("quarantine", fileName, raw, ct);
        var q = new QuarantinedMessage
        {
            Channel = channel, Reason = Clip(reason, 1000), Sender = Clip(sender, 320), Subject = Clip(subject, 1000), SizeBytes = raw.Length,
            StoragePath = path, TicketMessageId = ticketMessageId, ReceivedAtUtc = atUtc,
        };
        db.Set<QuarantinedMessage>().Add(q);
        await db.SaveChangesAsync(ct);
        return q;
    }

    /// <summary>Cuts to at most max characters, never between the two halves of an emoji (PostgreSQL refuses half a one).</summary>
    public static string Clip(string s, int max) => s.Length <= max ? s : s[..(char.IsHighSurrogate(s[max - 1]) ? max - 1 : max)];
}
