using Touchpoint.Domain.Voice;

namespace Touchpoint.Domain.Service.Metrics;

/// <summary>
/// The service-desk metrics of one period (and one group), defined in docs/metrics.md ("Service desk"). Each figure is
/// placed in the period by the instant it happened: a response when it was sent, a resolution when it happened, an
/// SLA clock when it was met or breached, a survey answer when it was given; backlog is counted at the period's end.
/// </summary>
/// <param name="TicketsCreated">Tickets created in the period.</param>
/// <param name="TicketsResolved">Tickets whose last resolution falls in the period and that are still resolved.</param>
/// <param name="BacklogAtEnd">Tickets created before the end and not solved or closed at the end.</param>
/// <param name="AwaitingFirstResponseAtEnd">Tickets whose customer was still waiting for a first person reply at the end.</param>
/// <param name="FirstResponse">First response time, calendar (start of the customer's wait to the first person reply).</param>
/// <param name="FirstResponseSlaClock">First response time on the SLA clock (business hours, pending and on hold taken out).</param>
/// <param name="Resolution">Full resolution time, calendar: creation to last resolution.</param>
/// <param name="ResolutionBusiness">Full resolution time in business hours.</param>
/// <param name="ResolutionSlaClock">Full resolution time on the SLA clock.</param>
/// <param name="FirstContactResolution">Tickets first solved in the period after exactly one person reply, never reopened / tickets first solved in the period with at least one person reply.</param>
/// <param name="Reopened">Tickets first solved in the period that were reopened / tickets first solved in the period.</param>
/// <param name="HandleTime">Average handle time: agent working time per ticket, over tickets resolved in the period with any recorded work.</param>
/// <param name="Csat">Answers of 4-5 / valid 1-5 CSAT answers about tickets, given in the period.</param>
public sealed record ServiceMetrics(
    int TicketsCreated, int TicketsResolved, int BacklogAtEnd, int AwaitingFirstResponseAtEnd,
    TimeStats FirstResponse, TimeStats FirstResponseSlaClock, TimeStats NextResponse, TimeStats NextResponseSlaClock,
    TimeStats Resolution, TimeStats ResolutionBusiness, TimeStats ResolutionSlaClock,
    Rate FirstContactResolution, Rate Reopened,
    SlaAttainment SlaFirstResponse, SlaAttainment SlaNextResponse, SlaAttainment SlaResolution,
    Rate Csat, int CesAnswers, double? CesMean, TimeStats HandleTime)
{
    /// <summary>All SLA clocks together: first response, next response and resolution.</summary>
    public SlaAttainment SlaOverall => SlaFirstResponse + SlaNextResponse + SlaResolution;

    /// <summary>Nothing happened in this group and period; such groups are left out of breakdowns.</summary>
    public bool HasNoActivity() => TicketsCreated == 0 && TicketsResolved == 0 && BacklogAtEnd == 0 && FirstResponse.Count == 0
        && NextResponse.Count == 0 && HandleTime.Count == 0 && SlaOverall.Decided == 0 && Csat.Denominator == 0 && CesAnswers == 0 && Reopened.Denominator == 0;

    /// <summary>
    /// Computes the metrics of <paramref name="period"/> over measured tickets. <paramref name="member"/> says whether a
    /// fact belongs to the group: it receives the ticket and the person the fact is credited to (the responder for
    /// response times and their SLA clocks, the ticket's assignee for everything else).
    /// </summary>
    public static ServiceMetrics Compute(ReportPeriod period, IReadOnlyList<TicketMeasures> tickets,
        IReadOnlyList<TicketSurveyAnswer> answers, Func<TicketMeasures, long?, bool>? member = null)
    {
        member ??= (_, _) => true;
        bool Mine(TicketMeasures t) => member(t, t.Ticket.AssigneeId);
        var mine = tickets.Where(Mine).ToList();
        // Counts "at the end" are taken just before the end, or now when the period reaches into the future.
        var end = period.ToUtc.AddTicks(-1);
        DateTime At(TicketMeasures t) => end < t.AsOfUtc ? end : t.AsOfUtc;

        var waits = tickets.SelectMany(t => t.Waits.Select(w => (T: t, W: w))).ToList();
        var firsts = waits.Where(x => x.W.Wait.IsFirst && x.W.Wait.IsAnswered && period.Contains(x.W.Wait.RespondedAtUtc)
            && member(x.T, x.W.Wait.ResponderId)).Select(x => x.W).ToList();
        var nexts = waits.Where(x => !x.W.Wait.IsFirst && x.W.Wait.IsAnswered && period.Contains(x.W.Wait.RespondedAtUtc)
            && member(x.T, x.W.Wait.ResponderId)).Select(x => x.W).ToList();
        // An SLA clock that breached is credited to whoever answered late, or to the assignee when no one answered.
        SlaAttainment WaitSla(bool first) => SlaAttainment.Of(waits
            .Where(x => x.W.Wait.IsFirst == first && period.Contains(x.W.Sla.DecidedAtUtc) && member(x.T, x.W.Wait.ResponderId ?? x.T.Ticket.AssigneeId))
            .Select(x => x.W.Sla));

        var resolved = mine.Where(t => period.Contains(t.ResolvedAtUtc)).ToList();
        var firstSolved = mine.Where(t => period.Contains(t.FirstResolvedAtUtc)).ToList();
        var fcr = firstSolved.Where(t => t.FirstContactResolution is not null).ToList();

        // Handle time: the group's agents' work on each ticket resolved in the period (all agents for the total and
        // for ticket attributes; one agent's own share when grouped by agent), tickets with no recorded work left out.
        var handled = tickets.Where(t => period.Contains(t.ResolvedAtUtc))
            .Select(t => t.WorkByAgent.Where(w => member(t, w.Key)).Aggregate(TimeSpan.Zero, (sum, w) => sum + w.Value))
            .Where(d => d > TimeSpan.Zero).ToList();

        var byId = mine.ToDictionary(t => t.Ticket.Id);
        var given = answers.Where(a => period.Contains(a.AnsweredAtUtc) && byId.ContainsKey(a.TicketId)).ToList();
        var (satisfied, csatAnswers) = ScoreMetrics.Csat(given.Where(a => a.Kind == SurveyKind.Csat).Select(a => a.Score));
        var ces = given.Where(a => a.Kind == SurveyKind.Ces).Select(a => a.Score).ToList();

        return new ServiceMetrics(
            TicketsCreated: mine.Count(t => period.Contains(t.Ticket.CreatedAtUtc)),
            TicketsResolved: resolved.Count,
            BacklogAtEnd: mine.Count(t => t.Ticket.CreatedAtUtc <= At(t) && t.History.StatusAt(At(t)) is { } s && !TicketHistory.IsResolved(s)),
            AwaitingFirstResponseAtEnd: mine.Count(t => t.Waits.Any(w => w.Wait.IsFirst && w.Wait.StartUtc <= At(t) && (w.Wait.EndUtc is not { } e || e > At(t)))),
            FirstResponse: TimeStats.Of(firsts.Select(w => w.Calendar!.Value)),
            FirstResponseSlaClock: TimeStats.Of(firsts.Select(w => w.SlaClock!.Value)),
            NextResponse: TimeStats.Of(nexts.Select(w => w.Calendar!.Value)),
            NextResponseSlaClock: TimeStats.Of(nexts.Select(w => w.SlaClock!.Value)),
            Resolution: TimeStats.Of(resolved.Select(t => t.ResolutionCalendar!.Value)),
            ResolutionBusiness: TimeStats.Of(resolved.Select(t => t.ResolutionBusiness!.Value)),
            ResolutionSlaClock: TimeStats.Of(resolved.Select(t => t.ResolutionSlaClock!.Value)),
            FirstContactResolution: new Rate(fcr.Count(t => t.FirstContactResolution == true), fcr.Count),
            Reopened: new Rate(firstSolved.Count(t => t.Reopens > 0), firstSolved.Count),
            SlaFirstResponse: WaitSla(first: true),
            SlaNextResponse: WaitSla(first: false),
            SlaResolution: SlaAttainment.Of(mine.Where(t => period.Contains(t.ResolutionSla.DecidedAtUtc)).Select(t => t.ResolutionSla)),
            Csat: new Rate(satisfied, csatAnswers),
            CesAnswers: ScoreMetrics.CesAnswers(ces),
            CesMean: ScoreMetrics.CesMean(ces),
            HandleTime: TimeStats.Of(handled));
    }
}
