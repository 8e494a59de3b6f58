namespace Touchpoint.Domain.Service;

/// <summary>
/// When a workspace session ends, for each way it can end (docs/metrics.md, "Average handle time"). Pure, so the
/// rules are tested without a browser; the ticket page's timer applies them.
/// </summary>
public static class WorkTimerRules
{
    /// <summary>Idle: the agent stopped at their last input, <paramref name="idleSeconds"/> ago, not when idleness was noticed.</summary>
    public static DateTime IdleEnd(DateTime nowUtc, double idleSeconds) =>
        nowUtc.AddSeconds(-(double.IsFinite(idleSeconds) ? Math.Clamp(idleSeconds, 0, 86_400) : 0));

    /// <summary>
    /// The page went away. Navigation disposes it at once, within a heartbeat or two of the last sign of life: it ends
    /// now. A closed browser is noticed only when the server drops the circuit, minutes later: it ends at the last
    /// heartbeat, so a lost tab never counts as work.
    /// </summary>
    public static (DateTime EndUtc, string Reason) GoneEnd(DateTime nowUtc, DateTime lastBeatUtc, TimeSpan heartbeat) =>
        nowUtc - lastBeatUtc <= heartbeat * 2 ? (nowUtc, "navigation") : (lastBeatUtc, "closed");
}
