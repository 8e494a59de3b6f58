using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;
using static Touchpoint.Domain.Tests.ServiceMetrics.TicketStory;

namespace Touchpoint.Domain.Tests.ServiceMetrics;

public class ResolutionTests
{
    [Fact]
    public void Resolution_time_in_calendar_business_and_sla_clock_time_takes_pending_out_of_the_sla_clock()
    {
        // New Mon 09:00, answered 10:00 and set pending until the customer replies Tue 09:00, solved Tue 11:00.
        // Calendar 26 h. Business: Mon 09-18 (9 h) + Tue 09-11 (2 h) = 11 h. SLA clock: Mon 09-10 (1 h) + Tue 09-11 (2 h) = 3 h.
        var t = new TicketStory(Mon(9)).Customer(Mon(9)).Agent(Mon(10)).Status(Mon(10), TicketStatus.Pending)
            .Customer(Day(3, 9)).Status(Day(3, 9), TicketStatus.Open).Agent(Day(3, 10)).Status(Day(3, 11), TicketStatus.Solved)
            .Measure(Day(4, 9));
        Assert.Equal(TimeSpan.FromHours(26), t.ResolutionCalendar);
        Assert.Equal(TimeSpan.FromHours(11), t.ResolutionBusiness);
        Assert.Equal(TimeSpan.FromHours(3), t.ResolutionSlaClock);
        Assert.Equal(new SlaResult(SlaOutcome.Met, Day(3, 11), false), t.ResolutionSla);
    }

    [Fact]
    public void On_hold_pauses_the_sla_clock_like_pending()
    {
        // Mon 09:00 new, on hold 10:00-16:00, solved 17:00: SLA clock 1 h + 1 h = 2 h, business 8 h.
        var t = new TicketStory(Mon(9)).Customer(Mon(9)).Agent(Mon(9, 30)).Status(Mon(10), TicketStatus.OnHold)
            .Status(Mon(16), TicketStatus.Open).Status(Mon(17), TicketStatus.Solved).Measure(Day(3, 9));
        Assert.Equal(TimeSpan.FromHours(8), t.ResolutionBusiness);
        Assert.Equal(TimeSpan.FromHours(2), t.ResolutionSlaClock);
    }

    [Fact]
    public void A_reopened_ticket_is_resolved_at_its_last_solve_and_the_solved_time_in_between_does_not_count_on_the_sla_clock()
    {
        // Solved Mon 12:00, reopened by the customer Tue 10:00, solved again Tue 11:00.
        // Calendar Mon 09:00 -> Tue 11:00 = 26 h; SLA clock Mon 09-12 (3 h) + Tue 10-11 (1 h) = 4 h.
        var t = new TicketStory(Mon(9)).Customer(Mon(9)).Agent(Mon(9, 30)).Status(Mon(9, 30), TicketStatus.Open).Status(Mon(12), TicketStatus.Solved)
            .Customer(Day(3, 10)).Status(Day(3, 10), TicketStatus.Open).Agent(Day(3, 10, 30)).Status(Day(3, 11), TicketStatus.Solved)
            .Status(Day(7, 11), TicketStatus.Closed).Measure(Day(9, 9));
        Assert.Equal(Mon(12), t.FirstResolvedAtUtc);
        Assert.Equal(Day(3, 11), t.ResolvedAtUtc);
        Assert.Equal(TimeSpan.FromHours(26), t.ResolutionCalendar);
        Assert.Equal(TimeSpan.FromHours(4), t.ResolutionSlaClock);
        Assert.Equal(1, t.Reopens);
        Assert.False(t.FirstContactResolution);
    }

    [Fact]
    public void While_reopened_a_ticket_has_no_resolution()
    {
        var t = new TicketStory(Mon(9)).Customer(Mon(9)).Agent(Mon(9, 30)).Status(Mon(12), TicketStatus.Solved)
            .Customer(Day(3, 10)).Status(Day(3, 10), TicketStatus.Open).Measure(Day(3, 12));
        Assert.Null(t.ResolvedAtUtc);
        Assert.Null(t.ResolutionCalendar);
        Assert.Equal(Mon(12), t.FirstResolvedAtUtc);
    }

    [Fact]
    public void First_contact_resolution_needs_exactly_one_person_reply_and_no_reopen()
    {
        var one = new TicketStory(Mon(9)).Customer(Mon(9)).Note(Mon(9, 5)).Agent(Mon(9, 30)).Status(Mon(9, 31), TicketStatus.Solved).Measure(Day(3, 9));
        Assert.True(one.FirstContactResolution);
        var two = new TicketStory(Mon(9)).Customer(Mon(9)).Agent(Mon(9, 30)).Customer(Mon(10)).Agent(Mon(10, 30)).Status(Mon(11), TicketStatus.Solved).Measure(Day(3, 9));
        Assert.False(two.FirstContactResolution);
        // Solved without any person reply (a bot answered): the definition does not apply.
        var none = new TicketStory(Mon(9)).Customer(Mon(9)).Bot(Mon(9, 1)).Status(Mon(9, 2), TicketStatus.Solved).Measure(Day(3, 9));
        Assert.Null(none.FirstContactResolution);
    }

    [Fact]
    public void Resolution_sla_breaches_at_the_due_instant_even_while_the_ticket_is_still_open()
    {
        // Urgent: 8 business hours to resolve. Created Mon 12:00 -> due Tue 11:00 (6 h Monday + 2 h Tuesday).
        var t = new TicketStory(Mon(12), priority: TicketPriority.Urgent).Customer(Mon(12)).Agent(Mon(12, 30)).Measure(Day(4, 9));
        Assert.Equal(new SlaResult(SlaOutcome.Breached, Day(3, 11), true), t.ResolutionSla);
    }

    [Fact]
    public void A_ticket_left_pending_never_breaches_its_resolution_target()
    {
        var t = new TicketStory(Mon(9)).Customer(Mon(9)).Agent(Mon(9, 10)).Status(Mon(9, 10), TicketStatus.Pending).Measure(Day(30, 9));
        Assert.Equal(SlaOutcome.Undecided, t.ResolutionSla.Outcome);
    }

    [Fact]
    public void Status_at_an_instant_comes_from_the_history()
    {
        var h = new TicketStory(Mon(9)).Status(Mon(10), TicketStatus.Open).Status(Mon(12), TicketStatus.Solved).History();
        Assert.Null(h.StatusAt(Mon(8)));
        Assert.Equal(TicketStatus.New, h.StatusAt(Mon(9, 59)));
        Assert.Equal(TicketStatus.Open, h.StatusAt(Mon(10)));
        Assert.Equal(TicketStatus.Solved, h.StatusAt(Day(5, 0)));
    }
}
