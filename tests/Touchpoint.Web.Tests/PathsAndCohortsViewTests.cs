using Touchpoint.Domain.Journeys.Analytics;
using Touchpoint.Web.Features.Journeys.Cohorts;
using Touchpoint.Web.Features.Journeys.Paths;

namespace Touchpoint.Web.Tests;

/// <summary>The plain classes behind the paths Sankey and the retention triangle.</summary>
public sealed class PathsAndCohortsViewTests
{
    [Fact]
    public void Every_end_flows_into_one_drop_off_node_and_each_step_gets_its_own_nodes()
    {
        var d = new PathDiagram([
            new(1, "a", "b", 6), new(1, "a", PathQuery.End, 4),
            new(2, "b", "a", 5), new(2, "b", PathQuery.End, 1),
        ]);
        Assert.Equal(["a", "b", PathDiagram.DropOff, "a"], d.Labels);
        Assert.Equal([0, 0, 1, 1], d.Sources);
        Assert.Equal([1, 2, 3, 2], d.Targets);
        Assert.Equal([6L, 4, 5, 1], d.Values);
        Assert.Equal([0.6, 0.4, 5 / 6.0, 1 / 6.0], d.Rows.Select(r => r.ShareOfStep));
        Assert.True(d.Rows[1].IsDropOff);
        Assert.True(new PathDiagram([]).IsEmpty);
    }

    [Fact]
    public void The_triangle_blanks_periods_after_the_horizon_and_churn_is_net_over_cohorts_that_reached_the_period()
    {
        var jan = new DateOnly(2026, 1, 1);
        var feb = new DateOnly(2026, 2, 1);
        var grid = new RetentionGrid([
            new(jan, 10, 0, 10), new(jan, 10, 1, 4), new(jan, 10, 2, 5),
            new(feb, 20, 0, 20), new(feb, 20, 1, 8), new(feb, 20, 2, 0),
        ], CohortPeriod.Month, 3, today: new DateOnly(2026, 3, 15));

        Assert.Equal("2026-01", grid.Rows[0].Label);
        Assert.Equal([10L, 4, 5], grid.Rows[0].Active);
        Assert.Equal([20L, 8, null], grid.Rows[1].Active); // April has not begun
        Assert.Equal(0.4, grid.Rows[0].Retained(1));
        Assert.Null(grid.Rows[1].Retained(2));

        Assert.Equal(1, grid.Churn[0].Period);
        Assert.Equal((2, 30L, 12L), (grid.Churn[0].Cohorts, grid.Churn[0].ActiveBefore, grid.Churn[0].Active));
        Assert.Equal(0.6, grid.Churn[0].Rate!.Value, 6);
        Assert.Equal(-0.25, grid.Churn[1].Rate!.Value, 6); // one came back: negative net churn
    }

    [Fact]
    public void When_the_events_stop_before_today_the_empty_periods_after_them_are_blank_not_zero()
    {
        var jan = new DateOnly(2026, 1, 1);
        var grid = new RetentionGrid([new(jan, 10, 0, 10), new(jan, 10, 1, 3), new(jan, 10, 2, 0)], CohortPeriod.Month, 3, new DateOnly(2026, 6, 1));
        Assert.Equal([10L, 3, null], grid.Rows[0].Active);
    }
}
