using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;
using static Touchpoint.Domain.Tests.ServiceMetrics.TicketStory;

namespace Touchpoint.Domain.Tests.ServiceMetrics;

public class HandleTimeTests
{
    /// <summary>
    /// Period: week of Mon 9 March. Worked by hand:
    /// #1 (email, team of agent 7): agent 7 works 10:00-10:10 and, in a second tab, 10:05-10:12 (union 10:00-10:12 =
    ///    12 min); agent 8 works 10:20-10:23 (3 min); solved Mon 11:00: 15 min.
    /// #2 (phone): a call by agent 8 10:00-10:06 (6 min) while agent 8 had the ticket open 10:04-10:09 (union
    ///    10:00-10:09 = 9 min); a session that never ended, last heartbeat 10:30:30, started 10:30 (30 s);
    ///    solved Tue 11:00: 9 min 30 s = 570 s.
    /// #3: worked 20 min by agent 7 but still open: not in AHT (no resolution in the period).
    /// #4: solved in the period with no recorded work (imported): left out, not counted as 0.
    /// AHT = (900 + 570) / 2 = 735 s; by agent: 7 has one ticket of 720 s; 8 has #1 (180 s) and #2 (570 s), mean 375 s.
    /// </summary>
    private static ServiceMetricsReport Report(ServiceGrouping groupBy)
    {
        var asOf = Day(16, 0);
        var tickets = new[]
        {
            new TicketStory(Day(9, 9), "email", assignee: 7, id: 1).Customer(Day(9, 9))
                .Work(7, Day(9, 10), Day(9, 10, 9), ended: Day(9, 10, 10)).Work(7, Day(9, 10, 5), Day(9, 10, 12), ended: Day(9, 10, 12))
                .Work(8, Day(9, 10, 20), Day(9, 10, 23), ended: Day(9, 10, 23)).Agent(Day(9, 10, 22), 8).Status(Day(9, 11), TicketStatus.Solved),
            new TicketStory(Day(10, 9), "phone", assignee: 8, id: 2).Customer(Day(10, 9))
                .Work(8, Day(10, 10), Day(10, 10, 6), ended: Day(10, 10, 6), source: WorkSource.Call)
                .Work(8, Day(10, 10, 4), Day(10, 10, 9), ended: Day(10, 10, 9))
                .Work(8, Day(10, 10, 30), Day(10, 10, 30).AddSeconds(30))
                .Agent(Day(10, 10, 6), 8).Status(Day(10, 11), TicketStatus.Solved),
            new TicketStory(Day(11, 9), "email", assignee: 7, id: 3).Customer(Day(11, 9)).Work(7, Day(11, 10), Day(11, 10, 20), ended: Day(11, 10, 20)),
            new TicketStory(Day(11, 9), "email", assignee: 7, id: 4).Customer(Day(11, 9)).Agent(Day(11, 9, 30), 7).Status(Day(11, 10), TicketStatus.Solved),
        }.Select(s => s.History()).ToList();
        var measured = tickets.Select(h => new TicketMeasures(h, "consumer", Lisbon, SlaPolicy.Default, asOf));
        return ServiceMetricsReport.Build(new ReportPeriod(Day(9, 0), Day(16, 0)), groupBy, measured, [], Lisbon, asOf);
    }

    [Fact]
    public void Average_handle_time_matches_the_hand_computed_example()
    {
        var aht = Report(ServiceGrouping.None).Current.Total.HandleTime;
        Assert.Equal(2, aht.Count);
        Assert.Equal(735, aht.MeanSeconds!.Value, 9);
        Assert.Equal(735, aht.MedianSeconds!.Value, 9);
    }

    [Fact]
    public void By_agent_each_agent_is_credited_with_their_own_work()
    {
        var groups = Report(ServiceGrouping.Agent).Current.Groups.ToDictionary(g => g.Key, g => g.Metrics.HandleTime);
        Assert.Equal(1, groups["7"].Count);
        Assert.Equal(720, groups["7"].MeanSeconds!.Value, 9);
        Assert.Equal(2, groups["8"].Count);
        Assert.Equal(375, groups["8"].MeanSeconds!.Value, 9);
    }

    [Fact]
    public void By_channel_a_ticket_keeps_all_its_agents_work()
    {
        var groups = Report(ServiceGrouping.Channel).Current.Groups.ToDictionary(g => g.Key, g => g.Metrics.HandleTime);
        Assert.Equal(900, groups["email"].MeanSeconds!.Value, 9);
        Assert.Equal(570, groups["phone"].MeanSeconds!.Value, 9);
    }

    [Fact]
    public void Overlapping_sessions_of_one_agent_count_once_and_work_after_the_report_time_is_cut()
    {
        var sessions = new[]
        {
            new WorkSession { UserId = 1, StartedAtUtc = Mon(10), LastSeenAtUtc = Mon(10, 30), EndedAtUtc = Mon(10, 30) },
            new WorkSession { UserId = 1, StartedAtUtc = Mon(10, 10), LastSeenAtUtc = Mon(10, 20), EndedAtUtc = Mon(10, 20) },
            new WorkSession { UserId = 1, StartedAtUtc = Mon(11), LastSeenAtUtc = Mon(12) },
            new WorkSession { UserId = 2, StartedAtUtc = Mon(10), LastSeenAtUtc = Mon(10, 5), EndedAtUtc = Mon(10, 5) },
        };
        var work = HandleTime.PerAgent(sessions, asOfUtc: Mon(11, 15));
        Assert.Equal(TimeSpan.FromMinutes(45), work[1]);   // 10:00-10:30 once, plus 11:00-11:15 up to the report time
        Assert.Equal(TimeSpan.FromMinutes(5), work[2]);
    }
}
