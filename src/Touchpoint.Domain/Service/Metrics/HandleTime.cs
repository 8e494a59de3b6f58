namespace Touchpoint.Domain.Service.Metrics;

/// <summary>
/// Agent working time on one ticket, the per-ticket part of average handle time (docs/metrics.md, "Average handle
/// time"). Each agent's sessions are merged into a union of intervals before summing, so two tabs on the same
/// ticket, or the ticket page left open during a logged call, count once; different agents add up.
/// </summary>
public static class HandleTime
{
    /// <summary>Working time per agent on one ticket, counting only what happened up to <paramref name="asOfUtc"/>.</summary>
    public static IReadOnlyDictionary<long, TimeSpan> PerAgent(IEnumerable<WorkSession> sessions, DateTime asOfUtc)
    {
        var result = new Dictionary<long, TimeSpan>();
        foreach (var agent in sessions.GroupBy(s => s.UserId))
        {
            var total = TimeSpan.Zero;
            DateTime? runStart = null, runEnd = null;
            foreach (var (start, end) in agent.Select(s => (s.StartedAtUtc, End: s.EndUtc < asOfUtc ? s.EndUtc : asOfUtc))
                         .Where(x => x.End > x.StartedAtUtc).OrderBy(x => x.StartedAtUtc))
            {
                if (runEnd is { } re && start <= re)
                {
                    if (end > re) runEnd = end;
                    continue;
                }
                if (runStart is { } rs) total += runEnd!.Value - rs;
                (runStart, runEnd) = (start, end);
            }
            if (runStart is { } last) total += runEnd!.Value - last;
            if (total > TimeSpan.Zero) result[agent.Key] = total;
        }
        return result;
    }
}
