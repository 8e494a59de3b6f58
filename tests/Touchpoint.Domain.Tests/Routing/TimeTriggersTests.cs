using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Domain.Tests.Routing;

public sealed class TimeTriggersTests
{
    private static readonly DateTime Nine = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static RoutingRule Timed(string trigger, int minutes) => new() { Trigger = trigger, AfterMinutes = minutes };

    [Fact]
    public void Pending_for_is_due_once_the_pending_spell_lasted_long_enough()
    {
        var state = new TicketTimeState(TicketStatus.Pending, Nine, null, false);
        Assert.Null(TimeTriggers.DueEpisode(Timed("pending_for", 24 * 60), state, Nine.AddHours(23).AddMinutes(59)));
        Assert.Equal(Nine, TimeTriggers.DueEpisode(Timed("pending_for", 24 * 60), state, Nine.AddHours(24)));
    }

    [Fact]
    public void Unassigned_for_counts_from_when_the_ticket_lost_its_agent_and_not_while_pending()
    {
        var open = new TicketTimeState(TicketStatus.Open, Nine, Nine.AddMinutes(30), false);
        Assert.Null(TimeTriggers.DueEpisode(Timed("unassigned_for", 15), open, Nine.AddMinutes(44)));
        Assert.Equal(Nine.AddMinutes(30), TimeTriggers.DueEpisode(Timed("unassigned_for", 15), open, Nine.AddMinutes(45)));
        Assert.Null(TimeTriggers.DueEpisode(Timed("unassigned_for", 15), open with { Status = TicketStatus.Pending }, Nine.AddDays(1)));
        Assert.Null(TimeTriggers.DueEpisode(Timed("unassigned_for", 15), open with { UnassignedSinceUtc = null }, Nine.AddDays(1)));
    }

    [Fact]
    public void Merged_tickets_never_fire()
    {
        var state = new TicketTimeState(TicketStatus.Solved, Nine, null, true);
        Assert.Null(TimeTriggers.DueEpisode(Timed("solved_for", 1), state, Nine.AddDays(9)));
    }
}
