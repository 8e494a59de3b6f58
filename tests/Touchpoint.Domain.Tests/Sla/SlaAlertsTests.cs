using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Domain.Service.Sla;
using Touchpoint.Domain.Tests.ServiceMetrics;
using static Touchpoint.Domain.Tests.ServiceMetrics.TicketStory;

namespace Touchpoint.Domain.Tests.Sla;

/// <summary>
/// Urgent tickets under a policy of first response 30 min, next response 60 min, resolution 240 min, in the Lisbon
/// office week (09:00-18:00, UTC in March). Warnings at 80 % of the target.
/// </summary>
public sealed class SlaAlertsTests
{
    private static AppliedSla Policy(SlaWarning? warning) =>
        new SlaPolicyBook([SlaPolicyBookTests.Row(1, "Fast", 1, SlaPolicyBookTests.Draft(warning: warning, onWarning: warning is null ? null : new SlaActions { Notify = true }))], Lisbon)
            .For(new SlaSubject(TicketPriority.Urgent, "", "email", null));

    private static TicketStory Urgent() => new TicketStory(Mon(10), priority: TicketPriority.Urgent).Customer(Mon(10));

    [Fact]
    public void Nothing_is_owed_before_the_warning_point()
    {
        Assert.Empty(SlaAlerts.Owed(Urgent().History(), Policy(new SlaWarning { Percent = 80 }), Mon(10, 23)));
    }

    [Fact]
    public void A_warning_is_owed_at_80_percent_of_the_first_response_target_and_the_breach_at_its_due_time()
    {
        var sla = Policy(new SlaWarning { Percent = 80 });
        Assert.Equal([new SlaAlert("first_response", SlaTarget.FirstResponse, SlaAlertKind.Warning, Mon(10, 24), Mon(10, 30))],
            SlaAlerts.Owed(Urgent().History(), sla, Mon(10, 24)));
        var atBreach = SlaAlerts.Owed(Urgent().History(), sla, Mon(10, 30));
        Assert.Equal([new SlaAlert("first_response", SlaTarget.FirstResponse, SlaAlertKind.Breach, Mon(10, 30), Mon(10, 30))], atBreach);
    }

    [Fact]
    public void Minutes_before_the_due_time_work_too_and_no_warning_rule_means_breaches_only()
    {
        Assert.Equal(Mon(10, 20), SlaAlerts.Owed(Urgent().History(), Policy(new SlaWarning { MinutesBefore = 10 }), Mon(10, 21)).Single().FireAtUtc);
        Assert.Empty(SlaAlerts.Owed(Urgent().History(), Policy(null), Mon(10, 29)));
    }

    [Fact]
    public void A_ticket_answered_before_the_scan_owes_nothing_for_that_wait()
    {
        var story = Urgent().Agent(Mon(10, 35)).Status(Mon(10, 35), TicketStatus.Open);
        // Answered late (after 10:30), but answered before the scan ran: the clock is stopped, nothing escalates.
        Assert.Empty(SlaAlerts.Owed(story.History(), Policy(new SlaWarning { Percent = 80 }), Mon(10, 40)));
    }

    [Fact]
    public void A_pending_ticket_is_paused_and_never_due()
    {
        var story = Urgent().Agent(Mon(10, 5)).Status(Mon(10, 5), TicketStatus.Pending);
        Assert.Empty(SlaAlerts.Owed(story.History(), Policy(new SlaWarning { Percent = 80 }), Day(20, 12)));
    }

    [Fact]
    public void Each_customer_wait_is_a_clock_of_its_own_and_the_resolution_clock_runs_from_creation()
    {
        var story = Urgent().Agent(Mon(10, 5)).Status(Mon(10, 5), TicketStatus.Open).Customer(Mon(11));
        var owed = SlaAlerts.Owed(story.History(), Policy(null), Mon(14, 30));
        Assert.Equal(["next_response@20260302T110000.0000000Z", "resolution"], owed.Select(a => a.Clock));
        Assert.Equal([Mon(12), Mon(14)], owed.Select(a => a.DueUtc));
        Assert.All(owed, a => Assert.Equal(SlaAlertKind.Breach, a.Kind));
    }

    [Fact]
    public void Solved_and_merged_tickets_owe_nothing()
    {
        Assert.Empty(SlaAlerts.Owed(Urgent().Status(Mon(10, 1), TicketStatus.Solved).History(), Policy(null), Day(5, 12)));
        var merged = Urgent().History();
        merged.Ticket.MergedIntoId = 99;
        Assert.Empty(SlaAlerts.Owed(merged, Policy(null), Day(5, 12)));
    }
}
