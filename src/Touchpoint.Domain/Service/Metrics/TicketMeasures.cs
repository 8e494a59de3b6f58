namespace Touchpoint.Domain.Service.Metrics;

/// <summary>A customer wait with its durations and SLA result.</summary>
/// <param name="Calendar">Wall-clock time from start to the response; null unless answered.</param>
/// <param name="SlaClock">Business time with pauses taken out, start to response; null unless answered.</param>
public sealed record MeasuredWait(CustomerWait Wait, TimeSpan? Calendar, TimeSpan? SlaClock, SlaResult Sla);

/// <summary>
/// Everything the service-desk metrics need from one ticket, computed once from its history as known at
/// <see cref="AsOfUtc"/>. Merged tickets are not measured at all: their customer's request lives on in the
/// surviving ticket, which is measured in full.
/// </summary>
public sealed class TicketMeasures
{
    public TicketHistory History { get; }
    public Ticket Ticket => History.Ticket;
    public string Segment { get; }
    public DateTime AsOfUtc { get; }

    /// <summary>Every customer wait; <see cref="FirstResponse"/> and <see cref="NextResponses"/> are its answered ones.</summary>
    public IReadOnlyList<MeasuredWait> Waits { get; }
    public MeasuredWait? FirstResponse => Waits.FirstOrDefault(w => w.Wait.IsFirst && w.Wait.IsAnswered);
    public IEnumerable<MeasuredWait> NextResponses => Waits.Where(w => !w.Wait.IsFirst && w.Wait.IsAnswered);

    /// <summary>The first time the ticket was solved or closed; null if never.</summary>
    public DateTime? FirstResolvedAtUtc { get; }

    /// <summary>The last resolution, when the ticket is resolved now (as of the report); null while it is (re)opened.</summary>
    public DateTime? ResolvedAtUtc { get; }

    /// <summary>How many times the ticket went from solved or closed back to an unresolved state.</summary>
    public int Reopens { get; }

    /// <summary>Public person replies sent before the first resolution.</summary>
    public int RepliesBeforeFirstResolution { get; }

    /// <summary>Full resolution time: creation to <see cref="ResolvedAtUtc"/> in calendar time, in business hours, and on the SLA clock.</summary>
    public TimeSpan? ResolutionCalendar { get; }
    public TimeSpan? ResolutionBusiness { get; }
    public TimeSpan? ResolutionSlaClock { get; }
    public SlaResult ResolutionSla { get; }

    /// <summary>Each agent's working time on the ticket up to the report time (<see cref="HandleTime"/>).</summary>
    public IReadOnlyDictionary<long, TimeSpan> WorkByAgent { get; }

    /// <summary>
    /// First contact resolution: first solved after exactly one public person reply and never reopened. Null when it
    /// does not apply (never solved, or solved without any person reply: spam, a bot's answer, a withdrawn request).
    /// </summary>
    public bool? FirstContactResolution =>
        FirstResolvedAtUtc is null || RepliesBeforeFirstResolution == 0 ? null : RepliesBeforeFirstResolution == 1 && Reopens == 0;

    public TicketMeasures(TicketHistory history, string segment, BusinessCalendar calendar, SlaPolicy policy, DateTime asOfUtc)
    {
        History = history;
        Segment = segment;
        AsOfUtc = asOfUtc;
        var clock = new SlaClock(history, calendar);
        var targets = policy.For(history.Ticket.Priority);
        Waits = CustomerWait.Of(history).Where(w => w.StartUtc <= asOfUtc).Select(w =>
        {
            var answered = w.RespondedAtUtc is { } at && at <= asOfUtc ? at : (DateTime?)null;
            var target = w.IsFirst ? targets.FirstResponse : targets.NextResponse;
            var sla = target is { } t ? SlaResult.Decide(clock.DueAt(w.StartUtc, t), w.EndUtc, w.IsAnswered, asOfUtc) : SlaResult.Undecided;
            return new MeasuredWait(w, answered - w.StartUtc, answered is { } a ? clock.Elapsed(w.StartUtc, a) : null, sla);
        }).ToList();

        var resolutions = history.Resolutions().Where(t => t <= asOfUtc).ToList();
        FirstResolvedAtUtc = resolutions.Count > 0 ? resolutions[0] : null;
        Reopens = history.Reopens().Count(t => t <= asOfUtc);
        var status = history.StatusAt(asOfUtc);
        ResolvedAtUtc = status is { } s && TicketHistory.IsResolved(s) && resolutions.Count > 0 ? resolutions[^1] : null;
        RepliesBeforeFirstResolution = FirstResolvedAtUtc is { } first
            ? history.Messages.Count(m => TicketHistory.IsResponse(m) && m.CreatedAtUtc <= first) : 0;

        WorkByAgent = HandleTime.PerAgent(history.Work, asOfUtc);
        var created = history.Ticket.CreatedAtUtc;
        if (ResolvedAtUtc is { } resolved)
        {
            ResolutionCalendar = resolved - created;
            ResolutionBusiness = calendar.BusinessDuration(created, resolved);
            ResolutionSlaClock = clock.Elapsed(created, resolved);
        }
        ResolutionSla = targets.Resolution is { } rt
            ? SlaResult.Decide(clock.DueAt(created, rt), ResolvedAtUtc, ResolvedAtUtc is not null, asOfUtc)
            : SlaResult.Undecided;
    }
}
