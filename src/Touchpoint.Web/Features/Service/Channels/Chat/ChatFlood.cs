using System.Threading.RateLimiting;

namespace Touchpoint.Web.Features.Service.Channels.Chat;

/// <summary>
/// The per-visitor limit on chat lines (and identify calls): a sliding minute, so a burst is refused at once and the
/// visitor can write again within seconds. Keyed by visitor, not address, because many visitors share an office NAT.
/// </summary>
public sealed class ChatFlood(ChatOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(visitor =>
        RateLimitPartition.GetSlidingWindowLimiter(visitor, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.MaxLinesPerMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0,
        }));

    public int PerMinute => options.MaxLinesPerMinute;

    public bool TryTake(string visitorKey)
    {
        using var lease = _limiter.AttemptAcquire(visitorKey);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
