namespace Touchpoint.Domain.Service.Metrics;

/// <summary>
/// The SLA clock of one ticket: business time during which the ticket was new or open. Pending and on hold (waiting
/// on the customer or a third party), solved and closed pause it. Computed from the state history alone.
/// </summary>
public sealed class SlaClock(TicketHistory history, BusinessCalendar calendar)
{
    private readonly IReadOnlyList<(DateTime Start, DateTime? End, TicketStatus Status)> _segments = history.Segments();

    /// <summary>SLA-clock time between two instants.</summary>
    public TimeSpan Elapsed(DateTime fromUtc, DateTime toUtc)
    {
        var total = TimeSpan.Zero;
        foreach (var (start, end, status) in _segments)
        {
            if (!TicketHistory.ClockRuns(status)) continue;
            var a = start > fromUtc ? start : fromUtc;
            var b = end is { } e && e < toUtc ? e : toUtc;
            if (b > a) total += calendar.BusinessDuration(a, b);
        }
        return total;
    }

    /// <summary>
    /// The instant at which the clock started at <paramref name="fromUtc"/> reaches <paramref name="target"/>, as far as
    /// the history goes; null when the ticket is paused (or resolved) for good before reaching it.
    /// </summary>
    public DateTime? DueAt(DateTime fromUtc, TimeSpan target)
    {
        var remaining = target;
        foreach (var (start, end, status) in _segments)
        {
            if (!TicketHistory.ClockRuns(status) || end is { } e0 && e0 <= fromUtc) continue;
            var a = start > fromUtc ? start : fromUtc;
            if (end is not { } e) return calendar.AddBusinessTime(a, remaining);
            var available = calendar.BusinessDuration(a, e);
            if (available >= remaining) return calendar.AddBusinessTime(a, remaining);
            remaining -= available;
        }
        return null;
    }
}
