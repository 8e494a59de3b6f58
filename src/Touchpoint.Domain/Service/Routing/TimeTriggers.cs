namespace Touchpoint.Domain.Service.Routing;

/// <summary>A ticket's state as the time triggers read it.</summary>
/// <param name="StatusSinceUtc">When the ticket entered its current status (from the state history).</param>
/// <param name="UnassignedSinceUtc">When it last lost its assignee, or its creation when it never had one; null while assigned.</param>
public sealed record TicketTimeState(TicketStatus Status, DateTime StatusSinceUtc, DateTime? UnassignedSinceUtc, bool Merged);

/// <summary>
/// When a time trigger's state began for a ticket ("pending since 09:12"). A rule fires once per such episode:
/// the start is stored with the firing, so the same pending spell never fires twice, while a later one (the ticket
/// went open and then pending again) fires anew.
/// </summary>
public static class TimeTriggers
{
    public static DateTime? EpisodeStart(string trigger, TicketTimeState s)
    {
        if (s.Merged) return null;
        return trigger switch
        {
            RuleTriggers.PendingFor when s.Status == TicketStatus.Pending => s.StatusSinceUtc,
            RuleTriggers.SolvedFor when s.Status == TicketStatus.Solved => s.StatusSinceUtc,
            RuleTriggers.UnassignedFor when s.Status is TicketStatus.New or TicketStatus.Open && s.UnassignedSinceUtc is { } u => u,
            _ => null,
        };
    }

    /// <summary>Whether the rule is due for this ticket now, and the episode it fires for.</summary>
    public static DateTime? DueEpisode(RoutingRule rule, TicketTimeState s, DateTime nowUtc) =>
        rule.AfterMinutes is { } minutes && EpisodeStart(rule.Trigger, s) is { } start && start.AddMinutes(minutes) <= nowUtc ? start : null;
}
