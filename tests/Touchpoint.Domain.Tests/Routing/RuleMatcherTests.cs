using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Domain.Tests.Routing;

public sealed class RuleMatcherTests
{
    internal static RoutingRule Rule(long id, int position, string trigger, string match, RuleCondition[] conditions, params RuleAction[] actions) => new()
    {
        Id = id, Name = "r" + id, Position = position, Trigger = trigger, Match = match,
        ConditionsJson = RoutingRule.Write(conditions), ActionsJson = RoutingRule.Write(actions),
    };

    private static readonly RoutingFacts Refund = new()
    {
        Channel = "email", Segment = "enterprise", Subject = "Please REFUND my lamp", Text = "It broke.",
        Tags = new HashSet<string> { "vip" }, Fields = new Dictionary<string, string> { ["product"] = "lamp" },
    };

    [Theory]
    [InlineData("content", "contains_any", "refund", true)]
    [InlineData("content", "contains_any", "invoice,broke", true)]
    [InlineData("content", "contains_none", "refund", false)]
    [InlineData("channel", "is", "EMAIL", true)]
    [InlineData("channel", "is_not", "email,chat", false)]
    [InlineData("segment", "is", "consumer,smb", false)]
    [InlineData("tag", "has_any", "vip", true)]
    [InlineData("tag", "has_none", "vip", false)]
    [InlineData("priority", "is", "normal", true)]
    [InlineData("field:product", "is", "lamp", true)]
    [InlineData("field:missing", "is", "x", false)]
    [InlineData("field:missing", "is_not", "x", true)]
    [InlineData("status", "is", "new", true)]
    public void A_condition_holds_as_documented(string field, string op, string values, bool expected) =>
        Assert.Equal(expected, RuleMatcher.Holds(new RuleCondition(field, op, values.Split(',')), Refund));

    [Fact]
    public void All_needs_every_condition_and_any_needs_one()
    {
        RuleCondition[] conditions = [new("channel", "is", ["email"]), new("segment", "is", ["consumer"])];
        Assert.False(RuleMatcher.Matches(Rule(1, 1, "created", "all", conditions, new RuleAction("stop")), Refund));
        Assert.True(RuleMatcher.Matches(Rule(1, 1, "created", "any", conditions, new RuleAction("stop")), Refund));
    }

    [Fact]
    public void Rules_run_in_position_order_each_seeing_what_earlier_ones_set_and_stop_ends_the_run()
    {
        var rules = new[]
        {
            Rule(3, 3, "created", "all", [new("team", "is", ["7"])], new RuleAction("add_tags", Values: ["billing-queue"]), new RuleAction("stop")),
            Rule(1, 1, "created", "all", [new("content", "contains_any", ["refund"])], new RuleAction("set_team", "7"), new RuleAction("set_priority", "high")),
            Rule(2, 2, "created", "all", [new("priority", "is", ["high"])], new RuleAction("add_tags", Values: ["urgent-look"])),
            Rule(4, 4, "created", "all", [], new RuleAction("add_tags", Values: ["never"])),
            Rule(5, 0, "solved", "all", [], new RuleAction("add_tags", Values: ["other-trigger"])),
        };
        var plan = RuleMatcher.Plan(rules, "created", Refund);
        Assert.Equal([1L, 2L, 3L], plan.Select(m => m.Rule.Id));
    }

    [Fact]
    public void Inactive_rules_are_skipped()
    {
        var rule = Rule(1, 1, "created", "all", [], new RuleAction("add_tags", Values: ["x"]));
        rule.IsActive = false;
        Assert.Empty(RuleMatcher.Plan([rule], "created", Refund));
    }
}
