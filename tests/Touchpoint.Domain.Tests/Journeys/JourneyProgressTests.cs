using Touchpoint.Domain.Journeys.Maps;

namespace Touchpoint.Domain.Tests.Journeys;

public class JourneyProgressTests
{
    private static readonly JourneyDefinition Shop = new("Shop", "",
    [
        new("awareness", "Awareness", [new("site.visited", 1, Repeatable: true), new("account.created", 1, Required: true)]),
        new("purchase", "Purchase", [new("order.placed", 1, Required: true), new("payment.succeeded", 2, Required: true)]),
        new("delivery", "Delivery", [new("order.delivered", 3, Required: true)]),
        new("support", "Support", [new("ticket.created", 4)]),
    ],
    [new("purchase", "delivery", 5), new("awareness", "purchase", 30)]);

    private static readonly DateTime D1 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Current_stage_is_the_stage_of_the_latest_touchpoint_and_time_runs_from_entering_it()
    {
        JourneyStep[] timeline =
        [
            new("site.visited", D1), new("site.visited", D1.AddHours(1)), new("order.placed", D1.AddDays(1)),
            new("order.delivered", D1.AddDays(8)), new("newsletter.opened", D1.AddDays(9)),
            new("ticket.created", D1.AddDays(10)), new("ticket.created", D1.AddDays(12)),
        ];
        var p = JourneyProgress.Compute(Shop, timeline, D1.AddDays(15));

        Assert.Equal("support", p.CurrentStage);
        Assert.Equal(D1.AddDays(10), p.InStageSinceUtc);            // the first ticket of the latest run
        Assert.Equal(TimeSpan.FromDays(5), p.TimeInStage);
        // account.created and payment.succeeded are required and the customer went past their stages without them.
        Assert.Equal([new MissedTouchpoint("awareness", "account.created"), new MissedTouchpoint("purchase", "payment.succeeded")], p.Missed);
        // Two visits are fine (repeatable); two tickets are a repeated contact.
        Assert.Equal([new RepeatedTouchpoint("support", "ticket.created", 2)], p.Repeated);
        // Purchase on day 1, delivery on day 8: 7 days against a 5-day target. Awareness to purchase took 1 day.
        var overrun = Assert.Single(p.Overruns);
        Assert.Equal(("purchase", "delivery", 7.0, false), (overrun.FromStage, overrun.ToStage, overrun.Days, overrun.StillWaiting));
        Assert.Equal(["awareness", "purchase", "delivery", "support"], p.Stages.Select(s => s.Stage));
        Assert.Equal(2, p.Stages[0].Touchpoints);
    }

    [Fact]
    public void A_customer_still_waiting_past_a_target_is_an_overrun_and_nothing_is_missed_ahead()
    {
        var p = JourneyProgress.Compute(Shop, [new("account.created", D1), new("order.placed", D1.AddDays(2)), new("payment.succeeded", D1.AddDays(2))], D1.AddDays(9));
        Assert.Equal("purchase", p.CurrentStage);
        Assert.Empty(p.Missed); // delivery is ahead of them, not missed
        var o = Assert.Single(p.Overruns);
        Assert.True(o.StillWaiting);
        Assert.Equal(7, o.Days, 9);
    }

    [Fact]
    public void A_customer_with_no_mapped_touchpoints_has_no_stage()
    {
        var p = JourneyProgress.Compute(Shop, [new("newsletter.opened", D1)], D1.AddDays(1));
        Assert.Null(p.CurrentStage);
        Assert.Null(p.TimeInStage);
        Assert.Empty(p.Stages);
    }
}
