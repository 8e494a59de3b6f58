using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;

namespace Touchpoint.Data.Service;

/// <summary>
/// Writes the workspace timer's sessions: one row per stretch of visible, non-idle time an agent has a ticket open.
/// Each call is one short statement, because the heartbeat runs every few seconds for every open ticket page.
/// </summary>
public static class WorkSessions
{
    public static async Task<long> StartAsync(TouchpointDb db, long ticketId, long userId, DateTime nowUtc, CancellationToken ct)
    {
        var s = new WorkSession { TicketId = ticketId, UserId = userId, Source = WorkSource.Workspace, StartedAtUtc = nowUtc, LastSeenAtUtc = nowUtc };
        db.WorkSessions.Add(s);
        await db.SaveChangesAsync(ct);
        return s.Id;
    }

    /// <summary>The agent is still there: move the last-seen time of a running session forward.</summary>
    public static Task BeatAsync(TouchpointDb db, long sessionId, DateTime nowUtc, CancellationToken ct) =>
        db.WorkSessions.Where(s => s.Id == sessionId && s.EndedAtUtc == null && s.LastSeenAtUtc < nowUtc)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAtUtc, nowUtc), ct);

    /// <summary>
    /// Ends a running session at <paramref name="endUtc"/>, never before its start; an ended session stays as it was,
    /// so a late duplicate end (tab hidden, then the circuit closes) cannot stretch it.
    /// </summary>
    public static async Task EndAsync(TouchpointDb db, long sessionId, DateTime endUtc, string reason, CancellationToken ct)
    {
        var s = await db.WorkSessions.FirstOrDefaultAsync(x => x.Id == sessionId && x.EndedAtUtc == null, ct);
        if (s is null) return;
        var end = endUtc < s.StartedAtUtc ? s.StartedAtUtc : endUtc;
        s.EndedAtUtc = end;
        if (s.LastSeenAtUtc < end) s.LastSeenAtUtc = end;
        s.EndReason = reason;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A logged call is work too: the agent who took or made it, from its start for its duration.</summary>
    public static WorkSession ForCall(long ticketId, long agentUserId, DateTime startUtc, int durationSeconds)
    {
        var end = startUtc.AddSeconds(durationSeconds);
        return new WorkSession
        {
            TicketId = ticketId, UserId = agentUserId, Source = WorkSource.Call, StartedAtUtc = startUtc, LastSeenAtUtc = end,
            EndedAtUtc = end, EndReason = "call",
        };
    }
}
