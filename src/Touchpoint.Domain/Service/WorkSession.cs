namespace Touchpoint.Domain.Service;

/// <summary>Where a stretch of agent work on a ticket was measured.</summary>
public enum WorkSource
{
    /// <summary>The ticket page was open in a visible, non-idle browser tab (the workspace timer).</summary>
    Workspace = 0,

    /// <summary>A phone call an agent took or made on the ticket, timed by the phone log.</summary>
    Call = 1,
}

/// <summary>
/// A stretch of time one agent spent working on one ticket: the raw material of average handle time. A workspace
/// session moves <see cref="LastSeenAtUtc"/> forward on every heartbeat and gets <see cref="EndedAtUtc"/> when the
/// agent leaves, hides the tab or goes idle; a session that never ended (a crashed browser, a server restart) is
/// taken to have ended at its last heartbeat, so a lost tab never counts as hours of work.
/// </summary>
public sealed class WorkSession
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public long UserId { get; set; }
    public WorkSource Source { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime LastSeenAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }

    /// <summary>Why the session ended: navigation, hidden, idle, closed (circuit gone), call; null while running.</summary>
    public string? EndReason { get; set; }

    /// <summary>The end that counts: the recorded end, or the last heartbeat of a session that never ended.</summary>
    public DateTime EndUtc => EndedAtUtc ?? LastSeenAtUtc;
}
