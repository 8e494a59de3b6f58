using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Domain.Voice;
using static Touchpoint.Domain.Tests.ServiceMetrics.TicketStory;

namespace Touchpoint.Domain.Tests.ServiceMetrics;

public class ServiceMetricsReportTests
{
    [Fact]
    public void Time_statistics_give_mean_median_and_interpolated_p90()
    {
        // 60, 120, 180, 600 s: mean 240; median (120 + 180) / 2 = 150; p90 at rank 2.7: 180 + 0.7 x 420 = 474.
        var s = TimeStats.Of([TimeSpan.FromSeconds(600), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(120)]);
        Assert.Equal(4, s.Count);
        Assert.Equal(240, s.MeanSeconds!.Value, 9);
        Assert.Equal(150, s.MedianSeconds!.Value, 9);
        Assert.Equal(474, s.P90Seconds!.Value, 9);
        Assert.Equal(TimeStats.Empty, TimeStats.Of([]));
        Assert.Null(new Rate(0, 0).Percent);
    }

    /// <summary>
    /// Week of Mon 9 March (the period) and the week before (the previous period):
    /// #1 email, agent 7: customer Mon 9 10:00, reply 10:20, solved 11:00 (one reply: FCR). CSAT 5.
    /// #2 chat, agent 8: customer Tue 10 10:00, reply 10:04, customer 10:10, reply 10:16, solved 10:30. CSAT 2, CES 6.
    /// #3 email, agent 7: customer Wed 11 10:00, no reply by the end: past its 8 h due at Wed 18:00, a "no response" breach.
    /// #4 email, agent 7: last week, Mon 2 10:00, reply 11:00, solved 12:00, reopened Tue 10 09:00, reply 09:30, solved 10:00.
    /// #5 merged into #1: ignored everywhere.
    /// </summary>
    private static ServiceMetricsReport Report(ServiceGrouping groupBy)
    {
        var asOf = Day(16, 0);
        var tickets = new[]
        {
            new TicketStory(Day(9, 10), "email", assignee: 7, id: 1).Customer(Day(9, 10)).Agent(Day(9, 10, 20), 7).Status(Day(9, 11), TicketStatus.Solved),
            new TicketStory(Day(10, 10), "chat", assignee: 8, id: 2).Customer(Day(10, 10)).Agent(Day(10, 10, 4), 8).Customer(Day(10, 10, 10))
                .Agent(Day(10, 10, 16), 8).Status(Day(10, 10, 30), TicketStatus.Solved),
            new TicketStory(Day(11, 10), "email", assignee: 7, id: 3).Customer(Day(11, 10)),
            new TicketStory(Day(2, 10), "email", assignee: 7, id: 4).Customer(Day(2, 10)).Agent(Day(2, 11), 7).Status(Day(2, 12), TicketStatus.Solved)
                .Customer(Day(10, 9)).Status(Day(10, 9), TicketStatus.Open).Agent(Day(10, 9, 30), 7).Status(Day(10, 10), TicketStatus.Solved),
            new TicketStory(Day(9, 12), "email", assignee: 7, id: 5).Customer(Day(9, 12)),
        }.Select(s => s.History()).ToList();
        tickets[4].Ticket.MergedIntoId = 1;
        var answers = new[]
        {
            new TicketSurveyAnswer(1, SurveyKind.Csat, 5, Day(9, 15)), new TicketSurveyAnswer(2, SurveyKind.Csat, 2, Day(10, 15)),
            new TicketSurveyAnswer(2, SurveyKind.Ces, 6, Day(10, 15)), new TicketSurveyAnswer(5, SurveyKind.Csat, 1, Day(10, 15)),
        };
        var measured = tickets.Select(h => new TicketMeasures(h, "consumer", Lisbon, SlaPolicy.Default, asOf));
        return ServiceMetricsReport.Build(new ReportPeriod(Day(9, 0), Day(16, 0)), groupBy, measured, answers, Lisbon, asOf);
    }

    [Fact]
    public void The_period_total_places_every_fact_by_when_it_happened()
    {
        var m = Report(ServiceGrouping.None).Current.Total;
        Assert.Equal(3, m.TicketsCreated);                 // #1, #2, #3 (#5 is merged)
        Assert.Equal(3, m.TicketsResolved);                // #1, #2 and #4's last solve
        Assert.Equal(1, m.BacklogAtEnd);                   // #3
        Assert.Equal(1, m.AwaitingFirstResponseAtEnd);     // #3
        // First responses in the week: 20 min (#1), 4 min (#2): mean 12, median 12.
        Assert.Equal(2, m.FirstResponse.Count);
        Assert.Equal(12 * 60, m.FirstResponse.MedianSeconds!.Value, 9);
        // Next responses: #2 6 min, #4 30 min: mean 18 min.
        Assert.Equal(18 * 60, m.NextResponse.MeanSeconds!.Value, 9);
        // Resolutions: #1 1 h, #2 30 min, #4 Mon 2 10:00 -> Tue 10 10:00 = 192 h; median 1 h.
        Assert.Equal(3600, m.Resolution.MedianSeconds!.Value, 9);
        // SLA clock: #1 1 h, #2 30 min, #4 Mon 2 10-12 (2 h) + Tue 10 09-10 (1 h) = 3 h: mean 1.5 h.
        Assert.Equal(5400, m.ResolutionSlaClock.MeanSeconds!.Value, 9);
        // First solved this week: #1 (one reply), #2 (two replies); FCR 1/2. Reopen: #4 was first solved last week.
        Assert.Equal(new Rate(1, 2), m.FirstContactResolution);
        Assert.Equal(new Rate(0, 2), m.Reopened);
        // SLA: first responses met for #1, #2; #3 breached without response at Wed 18:00. Next responses met (#2, #4).
        Assert.Equal(new SlaAttainment(2, 1, 1), m.SlaFirstResponse);
        Assert.Equal(new SlaAttainment(2, 0, 0), m.SlaNextResponse);
        Assert.Equal(new SlaAttainment(3, 0, 0), m.SlaResolution);
        Assert.Equal(new Rate(1, 2), m.Csat);             // #5's answer goes with the merged ticket: ignored
        Assert.Equal(6.0, m.CesMean);
    }

    [Fact]
    public void The_previous_period_is_the_same_length_right_before()
    {
        var r = Report(ServiceGrouping.None);
        Assert.Equal(new ReportPeriod(Day(2, 0), Day(9, 0)), r.Previous.Period);
        var p = r.Previous.Total;
        Assert.Equal(1, p.TicketsCreated);
        Assert.Equal(0, p.TicketsResolved);              // #4's solve on Mon 2 was undone by the reopen
        Assert.Equal(new Rate(1, 1), p.Reopened);        // first solved last week, reopened since
        Assert.Equal(new Rate(0, 1), p.FirstContactResolution);
        Assert.Equal(3600, p.FirstResponse.MeanSeconds!.Value, 9);
    }

    [Fact]
    public void Grouping_by_agent_credits_responses_to_the_responder_and_tickets_to_the_assignee()
    {
        var groups = Report(ServiceGrouping.Agent).Current.Groups.ToDictionary(g => g.Key, g => g.Metrics);
        Assert.Equal(["7", "8"], groups.Keys.Order());
        Assert.Equal(1, groups["7"].FirstResponse.Count);
        Assert.Equal(20 * 60, groups["7"].FirstResponse.MeanSeconds!.Value, 9);
        Assert.Equal(new SlaAttainment(1, 1, 1), groups["7"].SlaFirstResponse);
        Assert.Equal(4 * 60, groups["8"].FirstResponse.MeanSeconds!.Value, 9);
        Assert.Equal(1, groups["7"].BacklogAtEnd);
        Assert.Equal(new Rate(0, 1), groups["8"].Csat);
    }

    [Fact]
    public void Grouping_by_channel_and_by_week_splits_the_same_facts()
    {
        var byChannel = Report(ServiceGrouping.Channel).Current.Groups.ToDictionary(g => g.Key, g => g.Metrics);
        Assert.Equal(2, byChannel["email"].TicketsCreated);
        Assert.Equal(1, byChannel["chat"].TicketsCreated);
        Assert.Equal(240, byChannel["chat"].FirstResponse.MedianSeconds!.Value, 9);

        var byWeek = Report(ServiceGrouping.Week);
        Assert.Equal("2026-W11", Assert.Single(byWeek.Current.Groups).Key);
        Assert.Equal("2026-W10", Assert.Single(byWeek.Previous.Groups).Key);
        var byMonth = Report(ServiceGrouping.Month).Current.Groups;
        Assert.Equal("2026-03", Assert.Single(byMonth).Key);
        Assert.Equal(3, byMonth[0].Metrics.TicketsCreated);
    }

    [Fact]
    public void Month_buckets_follow_the_workspace_time_zone()
    {
        // 1 April 00:00 in Lisbon (WEST) is 31 March 23:00Z: a ticket at 23:30Z belongs to April.
        var period = new ReportPeriod(new DateTime(2026, 3, 15, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 4, 15, 0, 0, 0, DateTimeKind.Utc));
        var buckets = ServiceMetricsReport.Buckets(period, ServiceGrouping.Month, Lisbon).ToList();
        Assert.Equal(["2026-03", "2026-04"], buckets.Select(b => b.Key));
        Assert.Equal(new DateTime(2026, 3, 31, 23, 0, 0, DateTimeKind.Utc), buckets[1].Period.FromUtc);
        Assert.Equal(period.ToUtc, buckets[1].Period.ToUtc);
    }
}
