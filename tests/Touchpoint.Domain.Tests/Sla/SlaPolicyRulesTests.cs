using Touchpoint.Domain.Service.Sla;

namespace Touchpoint.Domain.Tests.Sla;

public sealed class SlaPolicyRulesTests
{
    private static readonly SlaPolicyContext Context = new([(1, "Default", 1), (2, "Enterprise", 2)], ["consumer", "smb", "enterprise"],
        ["email", "chat"], [7]);

    private static IReadOnlyList<(string Field, string Message)> Errors(SlaPolicyDraft d) =>
        SlaPolicyRules.Check(d, Context).Select(e => (e.Field, e.Message)).ToList();

    private static SlaPolicyDraft Valid => SlaPolicyBookTests.Draft() with { Name = "Gold" };

    [Fact]
    public void A_complete_policy_is_valid() => Assert.Empty(Errors(Valid with
    {
        Conditions = new SlaConditions { Priorities = ["urgent"], Segments = ["SMB"], Channels = ["chat"], TeamIds = [7] },
        Calendar = new SlaCalendarInput { TimeZone = "Europe/Berlin", BusinessHours = "mon-fri 08:00-16:00", Holidays = ["2026-12-25"] },
        Warning = new SlaWarning { Percent = 80 },
        OnWarning = new SlaActions { Notify = true },
        OnBreach = new SlaActions { RaisePriority = true, TeamId = 7, AddTag = "SLA Breached" },
    }));

    [Theory]
    [InlineData("", "name", "is required")]
    [InlineData("  ", "name", "is required")]
    [InlineData("enterprise", "name", "another policy has this name")]
    public void The_name_is_required_and_unique(string name, string field, string message) =>
        Assert.Contains((field, message), Errors(Valid with { Name = name }));

    [Fact]
    public void A_position_another_policy_holds_is_refused() =>
        Assert.Contains(("position", "policy 'Enterprise' already has position 2; reorder the policies instead"), Errors(Valid with { Position = 2 }));

    [Fact]
    public void Unknown_segments_teams_channels_and_priorities_in_conditions_are_named()
    {
        var errors = Errors(Valid with { Conditions = new SlaConditions { Priorities = ["asap"], Segments = ["vip"], Channels = ["fax"], TeamIds = [99] } });
        Assert.Contains(errors, e => e.Field == "conditions.priorities" && e.Message.Contains("'asap' is not a priority"));
        Assert.Contains(errors, e => e.Field == "conditions.segments" && e.Message.Contains("no customer is in segment 'vip'"));
        Assert.Contains(errors, e => e.Field == "conditions.channels" && e.Message.Contains("'fax' is not a channel"));
        Assert.Contains(("conditions.teamIds", "no team has id 99"), errors);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    public void Zero_or_negative_targets_are_refused(int minutes) =>
        Assert.Contains(("targets.high.resolution", "must be more than 0 minutes (leave it out for no target)"),
            Errors(Valid with { Targets = new Dictionary<string, SlaTargetMinutes> { ["high"] = new() { Resolution = minutes } } }));

    [Fact]
    public void A_first_response_longer_than_the_resolution_is_refused_but_a_longer_next_response_is_allowed()
    {
        var errors = Errors(Valid with { Targets = new Dictionary<string, SlaTargetMinutes> { ["high"] = new() { FirstResponse = 600, NextResponse = 900, Resolution = 480 } } });
        Assert.Equal([("targets.high.firstResponse", "is longer than the resolution target (600 > 480 minutes): both start when the ticket is created")], errors);
    }

    [Fact]
    public void An_unknown_priority_as_a_target_key_is_refused() =>
        Assert.Contains(Errors(Valid with { Targets = new Dictionary<string, SlaTargetMinutes> { ["vip"] = new() { Resolution = 60 } } }),
            e => e.Field == "targets.vip");

    [Fact]
    public void A_calendar_needs_a_real_zone_readable_hours_and_dates()
    {
        var errors = Errors(Valid with { Calendar = new SlaCalendarInput { TimeZone = "Mars/Olympus", BusinessHours = "weekdays 9-5", Holidays = ["25/12/2026"] } });
        Assert.Contains(errors, e => e.Field == "calendar.timeZone" && e.Message.Contains("not an IANA time zone"));
        Assert.Contains(errors, e => e.Field == "calendar.businessHours");
        Assert.Contains(("calendar.holidays", "'25/12/2026' is not a date (yyyy-MM-dd)"), errors);
        Assert.Contains(Errors(Valid with { Calendar = new SlaCalendarInput { TimeZone = "Europe/Lisbon" } }), e => e.Field == "calendar.businessHours");
    }

    [Fact]
    public void A_warning_needs_one_rule_and_an_action_and_actions_need_known_teams_and_valid_tags()
    {
        Assert.Contains(("warning", "give either percent or minutesBefore, not both"),
            Errors(Valid with { Warning = new SlaWarning { Percent = 80, MinutesBefore = 30 }, OnWarning = new SlaActions { Notify = true } }));
        Assert.Contains(("warning.percent", "must be between 1 and 99 (share of the target used up)"),
            Errors(Valid with { Warning = new SlaWarning { Percent = 100 }, OnWarning = new SlaActions { Notify = true } }));
        Assert.Contains(Errors(Valid with { Warning = new SlaWarning { Percent = 80 } }), e => e.Field == "onWarning");
        Assert.Contains(Errors(Valid with { OnWarning = new SlaActions { Notify = true } }), e => e.Field == "warning");
        var actions = Errors(Valid with { OnBreach = new SlaActions { TeamId = 42, AddTag = "no way!" } });
        Assert.Contains(("onBreach.teamId", "no team has id 42"), actions);
        Assert.Contains(actions, e => e.Field == "onBreach.addTag" && e.Message.Contains("may only contain"));
    }
}
