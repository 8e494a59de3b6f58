using Touchpoint.Domain.Journeys.Maps;

namespace Touchpoint.Domain.Tests.Journeys;

public class JourneyRulesTests
{
    private static readonly HashSet<long> Teams = [1, 2];

    private static JourneyDefinition Journey(IReadOnlyList<JourneyStage>? stages = null, IReadOnlyList<StageTarget>? targets = null) => new("Shopper", "",
        stages ??
        [
            new("purchase", "Purchase", [new("order.placed", 1, Required: true)]),
            new("delivery", "Delivery", [new("order.delivered", 2)]),
        ],
        targets ?? [new("purchase", "delivery", 5)]);

    private static string[] Fields(JourneyDefinition d) => JourneyRules.Validate(d, Teams).Select(e => e.Field).ToArray();

    [Fact]
    public void A_linear_journey_with_known_teams_is_valid() => Assert.Empty(Fields(Journey()));

    [Fact]
    public void Every_template_is_valid_once_its_teams_exist()
    {
        foreach (var t in JourneyTemplates.All)
        {
            var names = t.Stages.SelectMany(s => s.Touchpoints).Select(x => x.OwnerTeam).Distinct().Select((n, i) => (n, (long)i + 1)).ToDictionary(x => x.n, x => x.Item2);
            var errors = JourneyRules.Validate(t.ToDefinition(names), names.Values.ToHashSet());
            Assert.True(errors.Count == 0, t.Key + ": " + string.Join("; ", errors));
        }
        Assert.Equal(["shopper", "subscriber", "patient", "guest", "donor"], JourneyTemplates.All.Select(t => t.Key));
    }

    [Fact]
    public void A_target_back_to_an_earlier_stage_is_a_cycle()
    {
        var errors = JourneyRules.Validate(Journey(targets: [new("delivery", "purchase", 3)]), Teams);
        var e = Assert.Single(errors);
        Assert.Equal("targets[0].toStage", e.Field);
        Assert.Contains("cycle", e.Message);
    }

    [Fact]
    public void A_target_naming_a_stage_that_does_not_exist_is_a_missing_stage()
    {
        var errors = JourneyRules.Validate(Journey(targets: [new("purchase", "returns", 3)]), Teams);
        Assert.Equal("targets[0].toStage", Assert.Single(errors).Field);
        Assert.Contains("missing stage", errors[0].Message);
    }

    [Fact]
    public void Duplicate_stages_one_stage_and_empty_stages_are_rejected()
    {
        Assert.Equal(["stages[1].key"], Fields(Journey([new("purchase", "A", [new("a.b", 1)]), new("purchase", "B", [new("c.d", 1)])], [])));
        Assert.Equal(["stages"], Fields(Journey([new("purchase", "A", [new("a.b", 1)])], [])));
        Assert.Equal(["stages[1].touchpoints"], Fields(Journey([new("purchase", "A", [new("a.b", 1)]), new("delivery", "B", [])], [])));
    }

    [Fact]
    public void A_touchpoint_type_in_two_stages_and_an_unknown_team_are_rejected_by_field()
    {
        var d = Journey([new("purchase", "A", [new("order.placed", 1)]), new("delivery", "B", [new("order.placed", 2), new("order.delivered", 9)])], []);
        var errors = JourneyRules.Validate(d, Teams);
        Assert.Equal(["stages[1].touchpoints[0].eventType", "stages[1].touchpoints[1].ownerTeamId"], errors.Select(e => e.Field));
        Assert.Contains("already belongs to stage 'purchase'", errors[0].Message);
        Assert.Equal("no team has id 9", errors[1].Message);
    }

    [Fact]
    public void Template_owners_without_a_matching_team_must_be_chosen()
    {
        var d = JourneyTemplates.Shopper.ToDefinition(new Dictionary<string, long> { ["marketing"] = 1, ["Delivery"] = 2 });
        var fields = JourneyRules.Validate(d, Teams).Select(e => e.Field).ToList();
        // Billing owns payment.succeeded and Support owns the support stage: no such teams here.
        Assert.Contains("stages[1].touchpoints[2].ownerTeamId", fields);
        Assert.Contains("stages[3].touchpoints[0].ownerTeamId", fields);
        Assert.DoesNotContain("stages[0].touchpoints[0].ownerTeamId", fields); // matched case-insensitively
    }
}
