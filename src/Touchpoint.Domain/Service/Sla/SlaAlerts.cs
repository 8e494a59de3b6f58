using System.Globalization;
using Touchpoint.Domain.Service.Metrics;

namespace Touchpoint.Domain.Service.Sla;

public enum SlaAlertKind { Warning = 0, Breach = 1 }

/// <summary>
/// One alert an open SLA clock owes now. <see cref="Clock"/> names the clock so a stored alert is found again on
/// the next scan: "first_response", "resolution", or "next_response@" + the wait's start, because every customer
/// wait is a clock of its own.
/// </summary>
public sealed record SlaAlert(string Clock, SlaTarget Target, SlaAlertKind Kind, DateTime FireAtUtc, DateTime DueUtc);

/// <summary>
/// Which warnings and breaches a ticket's open clocks owe at an instant, from the same <see cref="SlaClock"/> and
/// waits as the metrics. Only clocks still running count: a wait answered or a ticket solved before the scan owes
/// nothing, so it never escalates; a paused ticket is never due. A clock past its due instant owes its breach only:
/// a warning that comes after the breach (the scanner was down across both) would only be noise.
/// </summary>
public static class SlaAlerts
{
    public static IReadOnlyList<SlaAlert> Owed(TicketHistory history, AppliedSla sla, DateTime nowUtc)
    {
        var status = history.StatusAt(nowUtc) ?? history.Ticket.Status;
        if (TicketHistory.IsResolved(status) || history.Ticket.MergedIntoId is not null) return [];
        var clock = new SlaClock(history, sla.Calendar);
        var targets = sla.Targets.For(history.Ticket.Priority);
        var alerts = new List<SlaAlert>();
        var waiting = CustomerWait.Of(history).LastOrDefault(w => w.IsOpen && w.StartUtc <= nowUtc);
        if (waiting is not null && (waiting.IsFirst ? targets.FirstResponse : targets.NextResponse) is { } answer)
        {
            var name = waiting.IsFirst ? "first_response" : "next_response@" + waiting.StartUtc.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture);
            Add(alerts, clock, name, waiting.IsFirst ? SlaTarget.FirstResponse : SlaTarget.NextResponse, waiting.StartUtc, answer, sla.Escalation.Warning, nowUtc);
        }
        if (targets.Resolution is { } resolution)
            Add(alerts, clock, "resolution", SlaTarget.Resolution, history.Ticket.CreatedAtUtc, resolution, sla.Escalation.Warning, nowUtc);
        return alerts;
    }

    /// <summary>The SLA-clock time after the start at which the warning fires; null when the policy gives no warning.</summary>
    public static TimeSpan? WarningAfter(TimeSpan target, SlaWarning? warning) => warning switch
    {
        { Percent: { } p } => TimeSpan.FromTicks(target.Ticks / 100 * p),
        { MinutesBefore: { } m } => target > TimeSpan.FromMinutes(m) ? target - TimeSpan.FromMinutes(m) : TimeSpan.Zero,
        _ => null,
    };

    private static void Add(List<SlaAlert> alerts, SlaClock clock, string name, SlaTarget target, DateTime startUtc, TimeSpan allowed,
        SlaWarning? warning, DateTime nowUtc)
    {
        if (clock.DueAt(startUtc, allowed) is not { } due) return;
        if (due <= nowUtc)
        {
            alerts.Add(new SlaAlert(name, target, SlaAlertKind.Breach, due, due));
            return;
        }
        if (WarningAfter(allowed, warning) is { } after && clock.DueAt(startUtc, after) is { } warnAt && warnAt <= nowUtc)
            alerts.Add(new SlaAlert(name, target, SlaAlertKind.Warning, warnAt, due));
    }
}
