namespace Touchpoint.Domain.Service.Metrics;

/// <summary>Targets of one priority, in SLA-clock time (business hours, pauses taken out); null means no target.</summary>
public sealed record SlaTargets(TimeSpan? FirstResponse, TimeSpan? NextResponse, TimeSpan? Resolution);

/// <summary>The service-level targets per ticket priority.</summary>
public sealed record SlaPolicy(IReadOnlyDictionary<TicketPriority, SlaTargets> ByPriority)
{
    public SlaTargets For(TicketPriority p) => ByPriority.TryGetValue(p, out var t) ? t : new SlaTargets(null, null, null);

    /// <summary>
    /// The workspace default until SLAs are configurable: urgent 1 h / 2 h / 8 h, high 4 h / 4 h / 27 h (three
    /// 9-hour days), normal 8 h / 8 h / 45 h (a week), low 24 h / 24 h / 90 h; first response / next response / resolution.
    /// </summary>
    public static SlaPolicy Default { get; } = new(new Dictionary<TicketPriority, SlaTargets>
    {
        [TicketPriority.Urgent] = new(TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(8)),
        [TicketPriority.High] = new(TimeSpan.FromHours(4), TimeSpan.FromHours(4), TimeSpan.FromHours(27)),
        [TicketPriority.Normal] = new(TimeSpan.FromHours(8), TimeSpan.FromHours(8), TimeSpan.FromHours(45)),
        [TicketPriority.Low] = new(TimeSpan.FromHours(24), TimeSpan.FromHours(24), TimeSpan.FromHours(90)),
    });
}

/// <summary>How one SLA clock ended: met, breached (at <c>DecidedAtUtc</c>), or not decided yet / not applicable.</summary>
public enum SlaOutcome { Undecided = 0, Met = 1, Breached = 2 }

/// <summary>One SLA target applied to one clock; <see cref="DecidedAtUtc"/> places it in a report period.</summary>
/// <param name="WithoutResponse">Breached and never stopped by an answer (as of the report): "no response" rather than "late".</param>
public sealed record SlaResult(SlaOutcome Outcome, DateTime? DecidedAtUtc, bool WithoutResponse)
{
    public static SlaResult Undecided { get; } = new(SlaOutcome.Undecided, null, false);

    /// <summary>
    /// Met when the clock stopped by <paramref name="stoppedUtc"/> (a response or a resolution) at or before the due
    /// instant; breached at the due instant when it was reached first, up to <paramref name="asOfUtc"/>. A clock that
    /// was dropped (solved without an answer) before its due time, or is still running and not yet due, is undecided.
    /// </summary>
    public static SlaResult Decide(DateTime? dueUtc, DateTime? stoppedUtc, bool stoppedByAnswer, DateTime asOfUtc)
    {
        var answered = stoppedByAnswer && stoppedUtc is { } s && s <= asOfUtc;
        if (dueUtc is { } due && due <= asOfUtc && (stoppedUtc is not { } st || st > due))
            return new SlaResult(SlaOutcome.Breached, due, !answered);
        return answered ? new SlaResult(SlaOutcome.Met, stoppedUtc, false) : Undecided;
    }
}
