namespace Touchpoint.Domain.Service.Metrics;

/// <summary>Which SLA target a due time belongs to.</summary>
public enum SlaTarget { FirstResponse = 0, NextResponse = 1, Resolution = 2 }

/// <summary>Where a ticket stands against its SLA now: nothing owed, paused, running, due soon, or breached.</summary>
public enum SlaPhase { None = 0, Paused = 1, Running = 2, DueSoon = 3, Breached = 4 }

/// <summary>
/// The live SLA state of one ticket, for the inbox, the views and the ticket page: the earliest due time among the
/// running targets (the answer the customer is waiting for, and the resolution), from the same <see cref="SlaClock"/>
/// and <see cref="SlaPolicy"/> as the metrics, so what an agent sees is what the report will count.
/// </summary>
public sealed record TicketSlaState(SlaPhase Phase, SlaTarget? Target, DateTime? DueUtc)
{
    /// <summary>How close a due time must be to count as "due soon" (and land in the breaching-soon view).</summary>
    public static readonly TimeSpan SoonWindow = TimeSpan.FromHours(4);

    public static TicketSlaState None { get; } = new(SlaPhase.None, null, null);

    /// <summary>Breached or due within <see cref="SoonWindow"/>.</summary>
    public bool NeedsAttention => Phase is SlaPhase.DueSoon or SlaPhase.Breached;

    public static TicketSlaState Of(TicketHistory history, BusinessCalendar calendar, SlaPolicy policy, DateTime nowUtc)
    {
        var status = history.StatusAt(nowUtc) ?? history.Ticket.Status;
        if (TicketHistory.IsResolved(status)) return None;
        var clock = new SlaClock(history, calendar);
        var targets = policy.For(history.Ticket.Priority);
        var candidates = new List<(SlaTarget Target, DateTime Due)>();
        var waiting = CustomerWait.Of(history).LastOrDefault(w => w.IsOpen);
        if (waiting is not null && (waiting.IsFirst ? targets.FirstResponse : targets.NextResponse) is { } answer
            && clock.DueAt(waiting.StartUtc, answer) is { } answerDue)
            candidates.Add((waiting.IsFirst ? SlaTarget.FirstResponse : SlaTarget.NextResponse, answerDue));
        if (targets.Resolution is { } resolution && clock.DueAt(history.Ticket.CreatedAtUtc, resolution) is { } resolutionDue)
            candidates.Add((SlaTarget.Resolution, resolutionDue));
        if (candidates.Count == 0)
            return TicketHistory.ClockRuns(status) ? None : new TicketSlaState(SlaPhase.Paused, null, null);
        var (target, due) = candidates.MinBy(c => c.Due);
        var phase = due <= nowUtc ? SlaPhase.Breached : due - nowUtc <= SoonWindow ? SlaPhase.DueSoon : SlaPhase.Running;
        return new TicketSlaState(phase, target, due);
    }
}
