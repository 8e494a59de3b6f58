using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Domain.Service.Sla;
using Touchpoint.Domain.Tests.ServiceMetrics;
using static Touchpoint.Domain.Tests.ServiceMetrics.TicketStory;

namespace Touchpoint.Domain.Tests.Sla;

public sealed class SlaPolicyBookTests
{
    internal static SlaPolicyDefinition Row(long id, string name, int position, SlaPolicyDraft draft)
    {
        var row = new SlaPolicyDefinition { Id = id };
        SlaPolicyDrafts.Apply(draft with { Name = name }, row, position, Mon(8));
        return row;
    }

    internal static SlaPolicyDraft Draft(SlaConditions? when = null, int urgentFirstMinutes = 30, SlaWarning? warning = null,
        SlaActions? onWarning = null, SlaActions? onBreach = null, SlaCalendarInput? calendar = null) => new()
    {
        Conditions = when ?? new SlaConditions(),
        Targets = new Dictionary<string, SlaTargetMinutes>
        {
            ["urgent"] = new() { FirstResponse = urgentFirstMinutes, NextResponse = 60, Resolution = 240 },
            ["normal"] = new() { FirstResponse = 120, Resolution = 960 },
        },
        Calendar = calendar,
        Warning = warning,
        OnWarning = onWarning,
        OnBreach = onBreach,
    };

    private static readonly SlaPolicyBook Book = new(
    [
        // Stored out of order on purpose: position decides, not id or insertion order.
        Row(3, "Catch-all", 9, Draft(urgentFirstMinutes: 90)),
        Row(1, "Enterprise urgent", 1, Draft(new SlaConditions { Segments = ["enterprise"], Priorities = ["urgent"] }, urgentFirstMinutes: 15)),
        Row(2, "Enterprise", 2, Draft(new SlaConditions { Segments = ["Enterprise"] }, urgentFirstMinutes: 20)),
        Row(4, "Chat for team 7", 3, Draft(new SlaConditions { Channels = ["chat"], TeamIds = [7] }, urgentFirstMinutes: 10)),
    ], Lisbon);

    [Theory]
    [InlineData(TicketPriority.Urgent, "enterprise", "email", null, "Enterprise urgent")]
    [InlineData(TicketPriority.Normal, "enterprise", "email", null, "Enterprise")]
    [InlineData(TicketPriority.Urgent, "ENTERPRISE", "chat", 7L, "Enterprise urgent")]
    [InlineData(TicketPriority.Urgent, "consumer", "chat", 7L, "Chat for team 7")]
    [InlineData(TicketPriority.Urgent, "consumer", "chat", null, "Catch-all")]
    [InlineData(TicketPriority.Low, "smb", "email", 7L, "Catch-all")]
    public void The_first_policy_in_order_whose_conditions_all_match_applies(TicketPriority priority, string segment, string channel, long? team, string expected) =>
        Assert.Equal(expected, Book.For(new SlaSubject(priority, segment, channel, team)).Name);

    [Fact]
    public void Each_policy_brings_its_own_per_priority_targets()
    {
        var applied = Book.For(new SlaSubject(TicketPriority.Urgent, "enterprise", "email", null));
        Assert.Equal(new SlaTargets(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(240)), applied.Targets.For(TicketPriority.Urgent));
        Assert.Equal(new SlaTargets(null, null, null), applied.Targets.For(TicketPriority.Low));
    }

    [Fact]
    public void With_no_matching_policy_the_built_in_default_applies_in_the_workspace_calendar()
    {
        var book = new SlaPolicyBook([Row(1, "VIP only", 1, Draft(new SlaConditions { Segments = ["vip"] }))], Lisbon);
        var applied = book.For(new SlaSubject(TicketPriority.High, "consumer", "email", null));
        Assert.Null(applied.PolicyId);
        Assert.Same(SlaPolicy.Default, applied.Targets);
        Assert.Same(Lisbon, applied.Calendar);
    }

    [Fact]
    public void The_seeded_default_gives_exactly_the_targets_of_SlaPolicy_Default()
    {
        var book = new SlaPolicyBook([Row(1, SlaPolicyDrafts.DefaultName, 1, SlaPolicyDrafts.Default)], Lisbon);
        var applied = book.For(new SlaSubject(TicketPriority.Low, "", "api", null));
        Assert.Equal(1, applied.PolicyId);
        foreach (var p in Enum.GetValues<TicketPriority>()) Assert.Equal(SlaPolicy.Default.For(p), applied.Targets.For(p));
        Assert.Same(Lisbon, applied.Calendar);
    }

    // New York is UTC-5 on Monday 2 March 2026; its desk opens 09:00-17:00 local = 14:00-22:00 UTC.
    [Fact]
    public void A_policy_with_its_own_calendar_counts_due_times_in_that_zone_and_skips_its_holidays()
    {
        var ny = new SlaCalendarInput { TimeZone = "America/New_York", BusinessHours = "mon-fri 09:00-17:00", Holidays = ["2026-03-02"] };
        var book = new SlaPolicyBook([Row(1, "US desk", 1, Draft(calendar: ny))], Lisbon);
        var story = new TicketStory(Mon(10), priority: TicketPriority.Urgent).Customer(Mon(10));
        var state = book.For(new SlaSubject(TicketPriority.Urgent, "", "email", null)).StateOf(story.History(), Mon(10, 5));
        // Monday is a holiday there: the 30 minutes run Tuesday 09:00-09:30 New York time = 14:30 UTC.
        Assert.Equal(Day(3, 14, 30), state.DueUtc);
    }
}
