using Touchpoint.Domain.Journeys.Analytics;
using static Touchpoint.Domain.Tests.Journeys.FunnelExamples;

namespace Touchpoint.Domain.Tests.Journeys;

/// <summary>The worked examples of docs/funnels.md, one per mode.</summary>
public class FunnelCalculatorTests
{
    private static long[] Counts(FunnelResult r) => r.Total.Steps.Select(s => s.Count).ToArray();

    [Fact]
    public void Ordered_allows_other_events_between_steps_and_counts_the_attempt_that_gets_furthest()
    {
        var r = FunnelCalculator.Calculate(Funnel(FunnelOrder.Ordered), WorkedCustomers());
        Assert.Equal([4L, 3, 2], Counts(r)); // Ben's order is 25 h after his visit; Cai's cart came before the visit
        var cart = r.Total.Steps[1];
        Assert.Equal(0.75, cart.ConversionFromPrevious, 9);
        Assert.Equal(1, cart.DropOff);
        Assert.Equal(1200, cart.MedianSecondsFromPrevious);   // 10, 20 and 30 minutes (Dee's second attempt)
        Assert.Equal(1680, cart.P90SecondsFromPrevious!.Value, 6);
        var order = r.Total.Steps[2];
        Assert.Equal(2.0 / 3, order.ConversionFromPrevious, 9);
        Assert.Equal(0.5, order.ConversionFromFirst, 9);
        Assert.Equal(1500, order.MedianSecondsFromPrevious);  // 20 and 30 minutes
        Assert.Equal(2700, order.MedianSecondsFromFirst);     // 30 and 60 minutes
    }

    [Fact]
    public void Strict_needs_each_step_to_be_the_very_next_event()
    {
        var r = FunnelCalculator.Calculate(Funnel(FunnelOrder.Strict), WorkedCustomers());
        Assert.Equal([4L, 2, 2], Counts(r)); // Ben viewed help between visit and cart
    }

    [Fact]
    public void Unordered_counts_how_many_different_steps_were_done_within_the_window()
    {
        var r = FunnelCalculator.Calculate(Funnel(FunnelOrder.Unordered), WorkedCustomers());
        Assert.Equal([4L, 4, 3], Counts(r)); // Cai did all three starting from the cart; Ben only two within a day
        Assert.Equal(1500, r.Total.Steps[1].MedianSecondsFromPrevious); // 10, 20, 60 (Cai: cart to visit) and 30 minutes
    }

    [Fact]
    public void An_optional_step_is_counted_when_done_but_not_needed_for_the_next_step()
    {
        var r = FunnelCalculator.Calculate(Funnel(FunnelOrder.Ordered, optionalCart: true), WorkedCustomers());
        Assert.Equal([4L, 3, 3], Counts(r)); // Cai orders without a cart after the visit
        Assert.Equal(0.75, r.Total.Steps[2].ConversionFromPrevious, 9); // measured from the visit, the previous required step
        Assert.True(r.Total.Steps[1].Optional);
    }

    [Fact]
    public void An_exclusion_between_two_steps_removes_the_customer_whose_every_attempt_hit_it()
    {
        var r = FunnelCalculator.Calculate(Funnel(FunnelOrder.Ordered, excludeHelp: true), WorkedCustomers());
        Assert.Equal([3L, 2, 2], Counts(r)); // Ben viewed help between visit and cart
    }

    [Fact]
    public void Breakdown_by_channel_uses_the_channel_of_the_event_that_started_the_attempt()
    {
        var f = Funnel(FunnelOrder.Ordered) with { Breakdown = new(FunnelBreakdownKind.Channel) };
        var r = FunnelCalculator.Calculate(f, WorkedCustomers());
        Assert.Equal(["web", "app"], r.Breakdown.Select(b => b.Breakdown));
        Assert.Equal([3L, 3, 2], r.Breakdown[0].Steps.Select(s => s.Count));
        Assert.Equal([1L, 0, 0], r.Breakdown[1].Steps.Select(s => s.Count));
    }

    [Fact]
    public void Last_touch_attribution_takes_the_channel_of_the_furthest_step_reached()
    {
        var f = Funnel(FunnelOrder.Ordered) with { Breakdown = new(FunnelBreakdownKind.Channel, Attribution: BreakdownAttribution.LastTouch) };
        var r = FunnelCalculator.Calculate(f, WorkedCustomers());
        Assert.Equal(["app", "web"], r.Breakdown.Select(b => b.Breakdown));
        Assert.Equal([2L, 1, 1], r.Breakdown[0].Steps.Select(s => s.Count)); // Ana's order in the app, Cai's visit in the app
        Assert.Equal([2L, 2, 1], r.Breakdown[1].Steps.Select(s => s.Count)); // Ben's cart, Dee's order
    }

    [Fact]
    public void Step_attribution_takes_the_chosen_step_and_none_for_customers_who_did_not_reach_it()
    {
        var f = Funnel(FunnelOrder.Ordered) with { Breakdown = new(FunnelBreakdownKind.Channel, Attribution: BreakdownAttribution.Step, Step: 1) };
        var r = FunnelCalculator.Calculate(f, WorkedCustomers());
        Assert.Equal(["web", FunnelBreakdown.NoValue, "email"], r.Breakdown.Select(b => b.Breakdown));
        Assert.Equal([2L, 2, 1], r.Breakdown[0].Steps.Select(s => s.Count));
        Assert.Equal([1L, 0, 0], r.Breakdown[1].Steps.Select(s => s.Count));
        Assert.Equal([1L, 1, 1], r.Breakdown[2].Steps.Select(s => s.Count));
    }

    [Fact]
    public void Breakdown_by_segment_uses_the_customer_segment()
    {
        var f = Funnel(FunnelOrder.Ordered) with { Breakdown = new(FunnelBreakdownKind.Segment) };
        var r = FunnelCalculator.Calculate(f, WorkedCustomers());
        Assert.Equal(["retail", "business"], r.Breakdown.Select(b => b.Breakdown));
    }

    [Fact]
    public void The_date_range_limits_where_attempts_may_start_not_where_they_end()
    {
        var f = Funnel(FunnelOrder.Ordered) with { FromUtc = new DateTime(2026, 3, 3, 0, 0, 0, DateTimeKind.Utc) };
        var r = FunnelCalculator.Calculate(f, WorkedCustomers());
        Assert.Equal([1L, 1, 1], Counts(r)); // only Dee's second visit starts on or after day 2
    }

    [Fact]
    public void Property_filters_narrow_a_step()
    {
        var at = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        IReadOnlyList<CustomerEvents> customers =
        [
            new(1, "", [new(1, Visit, "web", at), new(2, Order, "web", at.AddMinutes(5), FunnelEvent.ParseProperties("""{"total":20,"plan":"pro"}"""))]),
            new(2, "", [new(3, Visit, "web", at), new(4, Order, "web", at.AddMinutes(5), FunnelEvent.ParseProperties("""{"total":20,"plan":"free"}"""))]),
        ];
        var f = new FunnelDefinition { Steps = [new(Visit), new(Order, new Dictionary<string, string> { ["plan"] = "pro", ["total"] = "20" })], Window = TimeSpan.FromHours(1) };
        Assert.Equal([2L, 1], Counts(FunnelCalculator.Calculate(f, customers)));
    }

    [Theory]
    [InlineData(1, 1, "steps")]
    [InlineData(3, 0, "window")]
    public void Definitions_name_the_field_that_is_wrong(int steps, int windowHours, string field)
    {
        var f = new FunnelDefinition { Steps = Enumerable.Repeat(new FunnelStep(Visit), steps).ToList(), Window = TimeSpan.FromHours(windowHours) };
        Assert.Contains(f.Validate(), e => e.Field == field);
    }

    [Fact]
    public void Exclusions_are_refused_outside_ordered_funnels()
    {
        var f = Funnel(FunnelOrder.Strict, excludeHelp: true);
        Assert.Contains(f.Validate(), e => e.Field == "exclusions");
    }

    [Fact]
    public void Linear_quantile_interpolates_between_order_statistics()
    {
        Assert.Equal(1680, Quantile.Linear([600, 1800, 1200], 0.9)!.Value, 9);
        Assert.Null(Quantile.Linear([], 0.5));
    }
}
