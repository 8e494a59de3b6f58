using Touchpoint.Domain.Service;

namespace Touchpoint.Domain.Tests.ServiceMetrics;

public class WorkTimerRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void An_idle_session_ends_at_the_last_input_and_nonsense_from_the_browser_is_clamped()
    {
        Assert.Equal(Now.AddMinutes(-5), WorkTimerRules.IdleEnd(Now, 300));
        Assert.Equal(Now, WorkTimerRules.IdleEnd(Now, -20));
        Assert.Equal(Now, WorkTimerRules.IdleEnd(Now, double.NaN));
        Assert.Equal(Now.AddDays(-1), WorkTimerRules.IdleEnd(Now, 1e12));
    }

    [Fact]
    public void Leaving_ends_now_after_a_recent_heartbeat_and_a_closed_circuit_ends_at_the_last_heartbeat()
    {
        var beat = TimeSpan.FromSeconds(30);
        Assert.Equal((Now, "navigation"), WorkTimerRules.GoneEnd(Now, Now.AddSeconds(-20), beat));
        Assert.Equal((Now, "navigation"), WorkTimerRules.GoneEnd(Now, Now.AddSeconds(-60), beat));
        Assert.Equal((Now.AddMinutes(-3), "closed"), WorkTimerRules.GoneEnd(Now, Now.AddMinutes(-3), beat));
    }
}
