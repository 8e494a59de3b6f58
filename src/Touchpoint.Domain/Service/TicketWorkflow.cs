namespace Touchpoint.Domain.Service;

/// <summary>
/// The ticket lifecycle, defined once (docs/service.md). Agents move tickets between the working states; a customer
/// reply brings a ticket waiting on them (pending), parked (on hold) or solved back to open, so no reply is left
/// unseen. A closed ticket is final: a later customer message opens a follow-up ticket instead (as Zammad does),
/// so closed tickets' metrics never change after the fact.
/// </summary>
public static class TicketWorkflow
{
    private static readonly Dictionary<TicketStatus, TicketStatus[]> AgentMoves = new()
    {
        [TicketStatus.New] = [TicketStatus.Open, TicketStatus.Pending, TicketStatus.OnHold, TicketStatus.Solved],
        [TicketStatus.Open] = [TicketStatus.Pending, TicketStatus.OnHold, TicketStatus.Solved],
        [TicketStatus.Pending] = [TicketStatus.Open, TicketStatus.OnHold, TicketStatus.Solved],
        [TicketStatus.OnHold] = [TicketStatus.Open, TicketStatus.Pending, TicketStatus.Solved],
        [TicketStatus.Solved] = [TicketStatus.Open, TicketStatus.Closed],
        [TicketStatus.Closed] = [],
    };

    /// <summary>Whether a person (or an automation acting for one) may move a ticket from one status to another.</summary>
    public static bool CanMove(TicketStatus from, TicketStatus to) => AgentMoves[from].Contains(to);

    public static IReadOnlyList<TicketStatus> MovesFrom(TicketStatus from) => AgentMoves[from];

    /// <summary>
    /// The status after a customer's message: New stays New (nobody has looked yet), Open stays Open, Pending,
    /// OnHold and Solved become Open (Solved -> Open is a reopen). Null for Closed: start a follow-up ticket.
    /// </summary>
    public static TicketStatus? AfterCustomerMessage(TicketStatus current) => current switch
    {
        TicketStatus.New => TicketStatus.New,
        TicketStatus.Closed => null,
        _ => TicketStatus.Open,
    };

    /// <summary>The status after an agent's public reply when the agent picks none: a new ticket becomes open.</summary>
    public static TicketStatus AfterAgentReply(TicketStatus current) => current == TicketStatus.New ? TicketStatus.Open : current;

    /// <summary>
    /// Why a ticket cannot be merged into another, or null when it can. The source is closed by the merge (its
    /// request lives on in the target), so a closed ticket cannot be either side: closed is final.
    /// </summary>
    public static string? MergeProblem(Ticket source, Ticket target)
    {
        if (source.Id == target.Id) return "a ticket cannot be merged into itself";
        if (source.MergedIntoId is { } s) return $"#{source.Id} is already merged into #{s}";
        if (target.MergedIntoId is { } t) return $"#{target.Id} was merged into #{t}; merge into that ticket instead";
        if (source.Status == TicketStatus.Closed) return $"#{source.Id} is closed, and closed tickets are final";
        if (target.Status == TicketStatus.Closed) return $"#{target.Id} is closed, and closed tickets are final";
        return null;
    }

    /// <summary>The wire name of a status in the API and CLI: snake_case.</summary>
    public static string Wire(this TicketStatus s) => s == TicketStatus.OnHold ? "on_hold" : s.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out TicketStatus status)
    {
        status = default;
        return !string.IsNullOrWhiteSpace(text) && Enum.TryParse(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out status)
            && Enum.IsDefined(status);
    }
}
