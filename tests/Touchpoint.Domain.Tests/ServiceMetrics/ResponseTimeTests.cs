using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;
using static Touchpoint.Domain.Tests.ServiceMetrics.TicketStory;

namespace Touchpoint.Domain.Tests.ServiceMetrics;

public class ResponseTimeTests
{
    [Fact]
    public void First_response_is_the_first_public_reply_by_a_person_not_a_note_or_an_auto_reply()
    {
        var t = new TicketStory(Mon(10)).Customer(Mon(10)).AutoReply(Mon(10, 0, 5)).Note(Mon(10, 10)).Agent(Mon(10, 30), agent: 9)
            .Measure(asOf: Mon(20));
        Assert.Equal(TimeSpan.FromMinutes(30), t.FirstResponse!.Calendar);
        Assert.Equal(TimeSpan.FromMinutes(30), t.FirstResponse.SlaClock);
        Assert.Equal(9, t.FirstResponse.Wait.ResponderId);
        Assert.Empty(t.NextResponses);
    }

    [Fact]
    public void After_a_bot_hands_over_the_person_is_timed_from_the_hand_over()
    {
        // Customer 10:00, bot answers 10:00:30, customer asks for a person 10:02, bot hands over 10:02:30, agent 10:12:30.
        var handover = new TicketStory(Mon(10), "chat").Customer(Mon(10)).Bot(Mon(10, 0, 30)).Customer(Mon(10, 2)).Bot(Mon(10, 2, 30))
            .Agent(Mon(10, 12, 30)).Measure(Mon(20));
        Assert.Equal(TimeSpan.FromMinutes(10), handover.FirstResponse!.Calendar);
        // Customer writes again after the bot's last answer: the wait starts at that message (10:05 -> 10:20 = 15 min).
        var after = new TicketStory(Mon(10), "chat").Customer(Mon(10)).Bot(Mon(10, 1)).Customer(Mon(10, 5)).Customer(Mon(10, 6))
            .Agent(Mon(10, 20)).Measure(Mon(20));
        Assert.Equal(TimeSpan.FromMinutes(15), after.FirstResponse!.Calendar);
    }

    [Fact]
    public void An_agent_who_writes_first_starts_no_clock_the_customers_first_message_does()
    {
        var t = new TicketStory(Mon(9)).Agent(Mon(9)).Customer(Mon(11)).Agent(Mon(11, 20)).Measure(Mon(20));
        Assert.Equal(TimeSpan.FromMinutes(20), t.FirstResponse!.Calendar);
        Assert.Single(t.Waits);
    }

    [Fact]
    public void Each_customer_message_after_a_reply_starts_a_next_response_clock_and_follow_ups_do_not_restart_it()
    {
        // First: 10:00 -> 10:30 (30 min). Next: 11:00 (11:10 is the same wait) -> 12:00 (60 min). 13:00 still waits.
        var t = new TicketStory(Mon(10)).Customer(Mon(10)).Agent(Mon(10, 30)).Customer(Mon(11)).Customer(Mon(11, 10)).Agent(Mon(12))
            .Customer(Mon(13)).Measure(Mon(14));
        Assert.Equal(TimeSpan.FromMinutes(30), t.FirstResponse!.Calendar);
        Assert.Equal([TimeSpan.FromMinutes(60)], t.NextResponses.Select(w => w.Calendar!.Value));
        Assert.True(t.Waits[^1].Wait.IsOpen);
    }

    [Fact]
    public void No_response_yet_is_an_open_clock_without_a_time_and_a_breach_once_past_due()
    {
        // Normal priority: 8 business hours to a first response. Mon 10:00 + 8 h = Mon 18:00.
        var t = new TicketStory(Mon(10)).Customer(Mon(10));
        var before = t.Measure(asOf: Mon(17, 59));
        Assert.Null(before.FirstResponse);
        Assert.Equal(SlaOutcome.Undecided, before.Waits[0].Sla.Outcome);
        var after = t.Measure(asOf: Day(3, 9));
        Assert.Equal(new SlaResult(SlaOutcome.Breached, Mon(18), WithoutResponse: true), after.Waits[0].Sla);
    }

    [Fact]
    public void A_ticket_received_on_friday_evening_is_timed_in_business_hours_from_monday_morning()
    {
        // Fri 6 March 20:00 -> Mon 9 March 09:45: 61 h 45 min of calendar time, 45 min of business time; SLA met.
        var t = new TicketStory(Day(6, 20)).Customer(Day(6, 20)).Agent(Day(9, 9, 45)).Measure(Day(9, 12));
        Assert.Equal(new TimeSpan(61, 45, 0), t.FirstResponse!.Calendar);
        Assert.Equal(TimeSpan.FromMinutes(45), t.FirstResponse.SlaClock);
        Assert.Equal(SlaOutcome.Met, t.FirstResponse.Sla.Outcome);
    }

    [Fact]
    public void A_reopen_does_not_restart_the_first_response_the_reopening_message_gets_a_next_response()
    {
        var t = new TicketStory(Mon(10)).Customer(Mon(10)).Agent(Mon(10, 30)).Status(Mon(10, 30), TicketStatus.Open).Status(Mon(11), TicketStatus.Solved)
            .Customer(Day(3, 9)).Status(Day(3, 9), TicketStatus.Open).Agent(Day(3, 9, 40)).Measure(Day(3, 12));
        Assert.Equal(TimeSpan.FromMinutes(30), t.FirstResponse!.Calendar);
        Assert.Equal([TimeSpan.FromMinutes(40)], t.NextResponses.Select(w => w.Calendar!.Value));
        Assert.Equal(1, t.Reopens);
    }

    [Fact]
    public void When_a_bot_solved_it_and_the_customer_comes_back_the_first_person_reply_is_timed_from_the_return()
    {
        // Bot answers and solves Monday; the customer returns on Friday 14:00 and a person replies at 14:10.
        var t = new TicketStory(Mon(10), "chat").Customer(Mon(10)).Bot(Mon(10, 1)).Status(Mon(10, 2), TicketStatus.Solved)
            .Customer(Day(6, 14)).Status(Day(6, 14), TicketStatus.Open).Agent(Day(6, 14, 10)).Measure(Day(6, 18));
        Assert.Equal(TimeSpan.FromMinutes(10), t.FirstResponse!.Calendar);
        Assert.True(t.Waits[0].Wait.DroppedAtUtc is not null);
        Assert.Equal(SlaOutcome.Undecided, t.Waits[0].Sla.Outcome);
    }

    [Fact]
    public void Solving_without_answering_a_thank_you_drops_the_wait_instead_of_breaching()
    {
        var t = new TicketStory(Mon(10)).Customer(Mon(10)).Agent(Mon(10, 30)).Customer(Mon(10, 40)).Status(Mon(10, 45), TicketStatus.Solved)
            .Measure(Day(5, 12));
        Assert.Empty(t.NextResponses);
        Assert.Equal(SlaOutcome.Undecided, t.Waits[1].Sla.Outcome);
        Assert.Equal(Mon(10, 45), t.Waits[1].Wait.DroppedAtUtc);
    }

    [Fact]
    public void Pending_on_the_customer_pauses_the_next_response_clock()
    {
        // Customer writes Mon 17:00 while the ticket is pending until Tue 09:30; agent answers Tue 10:00.
        // Calendar 17 h; business 1 h Mon + 1 h Tue = 2 h; SLA clock: only Tue 09:30-10:00 runs = 30 min.
        var t = new TicketStory(Mon(9)).Customer(Mon(9)).Agent(Mon(9, 10)).Status(Mon(9, 10), TicketStatus.Pending)
            .Customer(Mon(17)).Status(Day(3, 9, 30), TicketStatus.Open).Agent(Day(3, 10)).Measure(Day(3, 12));
        var next = Assert.Single(t.NextResponses);
        Assert.Equal(TimeSpan.FromHours(17), next.Calendar);
        Assert.Equal(TimeSpan.FromMinutes(30), next.SlaClock);
    }
}
