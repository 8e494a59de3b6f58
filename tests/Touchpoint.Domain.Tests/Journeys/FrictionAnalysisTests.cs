using Touchpoint.Domain.Journeys.Friction;
using Touchpoint.Domain.Journeys.Maps;

namespace Touchpoint.Domain.Tests.Journeys;

public class FrictionAnalysisTests
{
    private static readonly DateTime D1 = new(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc);

    private static readonly JourneyDefinition Shop = new("Shop", "",
    [
        new("purchase", "Purchase", [new("order.placed", 1, Repeatable: true)]),
        new("delivery", "Delivery", [new("order.delivered", 2, Repeatable: true)]),
        new("support", "Support", [new("ticket.created", 3)]),
    ],
    [new("purchase", "delivery", 5)]);

    /// <summary>Ordered day 0, delivered on day 3 (late or not), answered NPS on day 10; one answer before the delivery.</summary>
    private static FrictionCustomer Delivered(long id, bool late, int nps) => new(id,
        [new("order.placed", D1, 50m), new("order.delivered", D1.AddDays(3), DaysLate: late ? 2 : 0)],
        [new(AnswerScale.Nps, 0, D1.AddDays(1)), new(AnswerScale.Nps, nps, D1.AddDays(10))]);

    private static IReadOnlyList<FrictionFinding> Run(params FrictionCustomer[] customers) =>
        FrictionAnalysis.Run(customers, FrictionConditions.For(Shop, customers.SelectMany(c => c.Events).Select(e => e.Type)), D1.AddDays(400), new FrictionOptions(MinGroup: 2));

    [Fact]
    public void A_missed_promise_is_compared_with_kept_promises_on_the_first_answer_after_it()
    {
        var findings = Run(Delivered(1, true, 2), Delivered(2, true, 5), Delivered(3, true, 9),
            Delivered(4, false, 10), Delivered(5, false, 9), Delivered(6, false, 7),
            new FrictionCustomer(7, [new("order.placed", D1)], [])); // no delivery: not part of the comparison
        var f = findings.Single(x => x.Key == FrictionConditions.PromiseMissedKey && x.Outcome == FrictionOutcome.Nps);
        // Late: detractor, detractor, promoter → NPS −33.3. On time: promoter, promoter, passive → +66.7. The 0 given
        // before each delivery is not "after" and is ignored.
        Assert.Equal((3, 3, 3, 3), (f.Affected, f.Others, f.AffectedMeasured, f.OthersMeasured));
        Assert.Equal(-100.0 / 3, f.AffectedValue!.Value, 9);
        Assert.Equal(200.0 / 3, f.OthersValue!.Value, 9);
        Assert.Equal(-100, f.Effect!.Difference, 9);
        Assert.Equal(-300, f.Impact, 9);          // 3 customers × −100 points
        Assert.Equal([1L, 2, 3], f.ExampleCustomerIds);
        Assert.Equal(2, f.OwnerTeamId);           // the owner of order.delivered
    }

    [Fact]
    public void A_second_contact_about_the_same_thing_is_a_repeat_contact_and_a_new_topic_is_not()
    {
        static FrictionCustomer Contacts(long id, string second, int csat) => new(id,
            [new("ticket.created", D1, About: "where_is_my_order"), new("ticket.created", D1.AddDays(2), About: second)],
            [new(AnswerScale.Csat, csat, D1.AddDays(3))]);
        var findings = Run(Contacts(1, "where_is_my_order", 2), Contacts(2, "where_is_my_order", 4), Contacts(3, "returns", 5), Contacts(4, "billing", 4), Contacts(5, "returns", 3));
        var f = findings.Single(x => x.Key == FrictionConditions.RepeatContactKey && x.Outcome == FrictionOutcome.Csat);
        // Repeat: 1 of 2 satisfied (50%); the others: 2 of 3 satisfied (66.7%) → −16.7 points.
        Assert.Equal((2, 3), (f.Affected, f.Others));
        Assert.Equal(50, f.AffectedValue!.Value, 9);
        Assert.Equal(-50.0 / 3, f.Effect!.Difference, 9);
        Assert.Equal(3, f.OwnerTeamId);
    }

    [Fact]
    public void Churn_and_revenue_are_measured_only_for_moments_long_enough_ago()
    {
        // End of data: day 400. Customer 1 ordered again on day 100 for 80; customer 2 never again; customer 3
        // ordered on day 390 (too recent to count for either outcome: its first order is the moment, day 390).
        FrictionCustomer C(long id, params (int Day, decimal Value)[] orders) => new(id, orders.Select(o => new FrictionEvent("order.placed", D1.AddDays(o.Day), o.Value)).ToList(), []);
        var findings = FrictionAnalysis.Run([C(1, (0, 50), (100, 80)), C(2, (0, 20)), C(3, (390, 30))],
            FrictionConditions.For(Shop, ["order.placed"]), D1.AddDays(400), new FrictionOptions(MinGroup: 1));
        var churn = findings.Single(x => x.Key == "touchpoint:order.placed" && x.Outcome == FrictionOutcome.Churn);
        Assert.Equal((3, 2), (churn.Affected, churn.AffectedMeasured)); // customer 3 is too recent to call churned
        Assert.Equal(100, churn.AffectedValue!.Value, 9);               // both last seen more than 90 days before the end
        var revenue = findings.Single(x => x.Key == "touchpoint:order.placed" && x.Outcome == FrictionOutcome.Revenue);
        Assert.Equal(40, revenue.AffectedValue!.Value, 9);              // (80 + 0) / 2 in the 180 days after the first order
    }

    [Fact]
    public void A_stage_over_its_target_is_measured_from_the_moment_the_target_passed()
    {
        var slow = new FrictionCustomer(1, [new("order.placed", D1), new("order.delivered", D1.AddDays(8))], [new(AnswerScale.Nps, 3, D1.AddDays(6))]);
        var quick = new FrictionCustomer(2, [new("order.placed", D1), new("order.delivered", D1.AddDays(2))], [new(AnswerScale.Nps, 10, D1.AddDays(6))]);
        var f = Run(slow, quick).Single(x => x.Key == "over_target:purchase:delivery" && x.Outcome == FrictionOutcome.Nps);
        // The slow customer's answer on day 6 came after the 5-day target passed, though before the delivery.
        Assert.Equal((1, 1, -100.0, 100.0), (f.AffectedMeasured, f.OthersMeasured, f.AffectedValue!.Value, f.OthersValue!.Value));
        Assert.Null(f.Effect); // one customer a side is below the minimum group of 2
        Assert.Equal(0, f.Impact);
    }
}
