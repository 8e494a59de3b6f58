using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Domain.Tests.Routing;

public sealed class RuleValidatorTests
{
    private static readonly RuleReferences Refs = new(
        new HashSet<long> { 1, 2 }, new HashSet<long> { 10 }, new HashSet<long> { 5 }, new HashSet<long> { 3 },
        new Dictionary<string, CustomField>
        {
            ["amount"] = new() { Id = 1, Key = "amount", Type = CustomFieldType.Number },
            ["plan"] = new() { Id = 2, Key = "plan", Type = CustomFieldType.Choice, ChoicesJson = "[\"Gold\",\"Silver\"]" },
        });

    private static RuleInput Input(string trigger, RuleCondition?[] conditions, params RuleAction?[] actions) =>
        new() { Name = "Billing", Trigger = trigger, Conditions = conditions, Actions = actions };

    [Fact]
    public void A_good_rule_comes_back_in_canonical_form()
    {
        var check = RuleValidator.Check(Input("created",
            [new("field:plan", "is", ["gold"]), new("priority", "is", ["HIGH"])],
            new RuleAction("add_tags", Values: ["Key Account"]), new RuleAction("set_field", "12.50", Key: "amount"), new RuleAction("assign_round_robin", "2")), Refs);
        Assert.Empty(check.Errors);
        Assert.Equal(["Gold"], check.Conditions[0].Values);
        Assert.Equal(["high"], check.Conditions[1].Values);
        Assert.Equal(["key-account"], check.Actions[0].Values!);
        Assert.Equal("12.50", check.Actions[1].Value); // as CustomFieldRules stores it
    }

    [Theory]
    [InlineData("set_team", "9", null, "actions[0].value", "no team has id '9'")]
    [InlineData("assign_agent", "11", null, "actions[0].value", "no active agent or admin has id '11'")]
    [InlineData("reply_with_macro", "6", null, "actions[0].value", "no macro has id '6'")]
    [InlineData("set_field", "x", "colour", "actions[0].key", "no custom field has the key 'colour'")]
    [InlineData("set_field", "12,5", "amount", "actions[0].value", "not a number")]
    [InlineData("set_priority", "asap", null, "actions[0].value", "not a priority")]
    [InlineData("set_status", "new", null, "actions[0].value", "not a status a rule can set")]
    [InlineData("teleport", null, null, "actions[0].type", "must be one of")]
    public void Unknown_references_and_bad_values_in_actions_are_refused_by_index(string type, string? value, string? key, string field, string message)
    {
        var check = RuleValidator.Check(Input("created", [new("channel", "is", ["email"])], new RuleAction(type, value, Key: key)), Refs);
        var error = Assert.Single(check.Errors, e => e.Field == field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Bad_conditions_are_refused_by_index()
    {
        var check = RuleValidator.Check(Input("created",
            [new("channel", "is", ["email"]), new("team", "is", ["99"]), new("colour", "is", ["red"]), new("content", "is", ["x"]), new("field:nope", "is", ["1"]), new("segment", "is", [])],
            new RuleAction("stop")), Refs);
        Assert.Contains(check.Errors, e => e.Field == "conditions[1].values" && e.Message == "no team has id '99'");
        Assert.Contains(check.Errors, e => e.Field == "conditions[2].field");
        Assert.Contains(check.Errors, e => e.Field == "conditions[3].op" && e.Message.Contains("contains_any"));
        Assert.Contains(check.Errors, e => e.Field == "conditions[4].values" && e.Message.Contains("'nope'"));
        Assert.Contains(check.Errors, e => e.Field == "conditions[5].values");
        Assert.DoesNotContain(check.Errors, e => e.Field.StartsWith("conditions[0]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("remove_tags")]
    [InlineData("reply_with_macro")]
    [InlineData("set_status")]
    public void Destructive_actions_on_an_event_rule_without_conditions_are_refused(string type)
    {
        var action = type switch { "remove_tags" => new RuleAction(type, Values: ["vip"]), "reply_with_macro" => new RuleAction(type, "5"), _ => new RuleAction(type, "solved") };
        var check = RuleValidator.Check(Input("customer_replied", [], action), Refs);
        Assert.Contains(check.Errors, e => e.Field == "actions[0].type" && e.Message.Contains("add a condition"));
    }

    [Fact]
    public void A_time_trigger_needs_a_duration_and_its_state_is_condition_enough()
    {
        var missing = RuleValidator.Check(Input("solved_for", [], new RuleAction("set_status", "closed")), Refs);
        Assert.Contains(missing.Errors, e => e.Field == "afterMinutes");
        var ok = RuleValidator.Check(Input("solved_for", [], new RuleAction("set_status", "closed")) with { AfterMinutes = 72 * 60 }, Refs);
        Assert.Empty(ok.Errors);
        var notTimed = RuleValidator.Check(Input("created", [], new RuleAction("set_priority", "high")) with { AfterMinutes = 5 }, Refs);
        Assert.Contains(notTimed.Errors, e => e.Field == "afterMinutes");
    }

    [Fact]
    public void Name_trigger_and_actions_are_required()
    {
        var check = RuleValidator.Check(new RuleInput(), Refs);
        Assert.Contains(check.Errors, e => e.Field == "name");
        Assert.Contains(check.Errors, e => e.Field == "trigger");
        Assert.Contains(check.Errors, e => e.Field == "actions");
    }
}
