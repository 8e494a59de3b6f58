namespace Touchpoint.Domain.Service.Metrics;

/// <summary>
/// A ticket with its thread and its state history, the only inputs of the service-desk metrics. Everything is
/// recomputed from these rows, so a recalculation gives the same answer the live clock gave.
/// </summary>
public sealed class TicketHistory
{
    public Ticket Ticket { get; }

    /// <summary>The thread in time order (ties by id).</summary>
    public IReadOnlyList<TicketMessage> Messages { get; }

    /// <summary>
    /// The state history in time order, starting with the state at creation. When the stored history is empty
    /// (an import that kept no history) it is rebuilt from the ticket: new at creation, solved at SolvedAtUtc.
    /// </summary>
    public IReadOnlyList<TicketStatusChange> Changes { get; }

    /// <summary>The agents' work sessions on the ticket (workspace timer and logged calls), for average handle time.</summary>
    public IReadOnlyList<WorkSession> Work { get; }

    public TicketHistory(Ticket ticket, IEnumerable<TicketMessage> messages, IEnumerable<TicketStatusChange> changes,
        IEnumerable<WorkSession>? work = null)
    {
        Ticket = ticket;
        Work = work?.ToList() ?? [];
        Messages = messages.OrderBy(m => m.CreatedAtUtc).ThenBy(m => m.Id).ToList();
        var ordered = changes.OrderBy(c => c.AtUtc).ThenBy(c => c.Id).ToList();
        if (ordered.Count == 0)
        {
            ordered.Add(new TicketStatusChange { TicketId = ticket.Id, To = TicketStatus.New, AtUtc = ticket.CreatedAtUtc });
            if (ticket.Status is TicketStatus.Solved or TicketStatus.Closed && ticket.SolvedAtUtc is { } solved)
                ordered.Add(new TicketStatusChange { TicketId = ticket.Id, From = TicketStatus.New, To = ticket.Status, AtUtc = solved });
        }
        else if (ordered[0].AtUtc > ticket.CreatedAtUtc)
        {
            ordered.Insert(0, new TicketStatusChange { TicketId = ticket.Id, To = ordered[0].From ?? TicketStatus.New, AtUtc = ticket.CreatedAtUtc });
        }
        Changes = ordered;
    }

    /// <summary>Solved and closed are resolved; the other states are work still owed to the customer.</summary>
    public static bool IsResolved(TicketStatus s) => s is TicketStatus.Solved or TicketStatus.Closed;

    /// <summary>States in which the SLA clock runs: new and open. Pending, on hold, solved and closed pause it.</summary>
    public static bool ClockRuns(TicketStatus s) => s is TicketStatus.New or TicketStatus.Open;

    /// <summary>The state at an instant (the last change at or before it); null before the ticket existed.</summary>
    public TicketStatus? StatusAt(DateTime utc)
    {
        if (utc < Ticket.CreatedAtUtc) return null;
        TicketStatus? status = null;
        foreach (var c in Changes)
        {
            if (c.AtUtc > utc) break;
            status = c.To;
        }
        return status ?? Changes[0].To;
    }

    /// <summary>
    /// The state as consecutive segments [Start, End); the last segment has no end. Repeated entries with the same
    /// state are merged, so a stray duplicate change does not split a segment.
    /// </summary>
    public IReadOnlyList<(DateTime Start, DateTime? End, TicketStatus Status)> Segments()
    {
        var list = new List<(DateTime Start, DateTime? End, TicketStatus Status)>();
        foreach (var c in Changes)
        {
            if (list.Count > 0 && list[^1].Status == c.To) continue;
            if (list.Count > 0) list[^1] = list[^1] with { End = c.AtUtc };
            list.Add((c.AtUtc, null, c.To));
        }
        return list;
    }

    /// <summary>Instants at which the ticket became resolved: entering solved or closed from an unresolved state.</summary>
    public IEnumerable<DateTime> Resolutions() => Crossings(toResolved: true);

    /// <summary>Instants of reopens: leaving solved or closed for an unresolved state (e.g. on a customer's reply).</summary>
    public IEnumerable<DateTime> Reopens() => Crossings(toResolved: false);

    private IEnumerable<DateTime> Crossings(bool toResolved)
    {
        var segments = Segments();
        for (var i = 0; i < segments.Count; i++)
        {
            var now = IsResolved(segments[i].Status);
            var before = i > 0 && IsResolved(segments[i - 1].Status);
            if (now == toResolved && before != toResolved && (i > 0 || toResolved)) yield return segments[i].Start;
        }
    }

    /// <summary>A person's public reply: the only message that counts as a response.</summary>
    public static bool IsResponse(TicketMessage m) => m.Author == AuthorKind.Agent && !m.IsInternal && !m.IsAutomatic;
}
