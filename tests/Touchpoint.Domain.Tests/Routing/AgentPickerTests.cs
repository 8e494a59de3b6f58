using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Domain.Tests.Routing;

public sealed class AgentPickerTests
{
    private static AgentCandidate A(long id, AgentAvailability av = AgentAvailability.Available, int open = 0, int? max = null, params string[] skills) =>
        new(id, av, open, max, skills);

    [Fact]
    public void Round_robin_takes_turns_by_user_id_and_wraps_around()
    {
        AgentCandidate[] team = [A(30), A(10), A(20)];
        long? last = null;
        var order = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            last = AgentPicker.RoundRobin(team, last)!.UserId;
            order.Add(last.Value);
        }
        Assert.Equal([10L, 20, 30, 10, 20, 30], order);
    }

    [Fact]
    public void Round_robin_passes_over_away_offline_and_full_agents()
    {
        AgentCandidate[] team = [A(1, AgentAvailability.Away), A(2, open: 3, max: 3), A(3, AgentAvailability.Offline), A(4, open: 2, max: 3)];
        Assert.Equal(4, AgentPicker.RoundRobin(team, null)!.UserId);
        Assert.Equal(4, AgentPicker.RoundRobin(team, 4)!.UserId);
    }

    [Fact]
    public void Nobody_is_picked_when_no_one_can_take_a_ticket()
    {
        Assert.Null(AgentPicker.RoundRobin([A(1, AgentAvailability.Offline), A(2, open: 1, max: 1)], null));
        Assert.Null(AgentPicker.RoundRobin([], null));
    }

    [Fact]
    public void A_member_who_left_does_not_make_the_turn_repeat_anyone()
    {
        // 20 got the last ticket and then left the team: the turn goes on to 30, not back to 10.
        Assert.Equal(30, AgentPicker.RoundRobin([A(10), A(30)], 20)!.UserId);
    }

    [Fact]
    public void Skills_pick_the_best_match_then_the_least_loaded()
    {
        AgentCandidate[] team =
        [
            A(1, skills: ["billing"]),
            A(2, open: 5, skills: ["billing", "lang:pt"]),
            A(3, open: 1, skills: ["billing", "product:lamp"]),
            A(4, AgentAvailability.Away, skills: ["billing", "lang:pt", "product:lamp"]),
        ];
        var tags = new HashSet<string> { "billing", "lang:pt" };
        var fields = new Dictionary<string, string> { ["product"] = "lamp" };
        // 2 and 3 both match two skills; 3 has fewer open tickets. 4 matches three but is away.
        Assert.Equal(3, AgentPicker.BySkills(team, tags, fields, null)!.UserId);
    }

    [Fact]
    public void Skills_pick_nobody_when_no_skill_matches()
    {
        Assert.Null(AgentPicker.BySkills([A(1, skills: ["billing"])], new HashSet<string> { "returns" }, new Dictionary<string, string>(), null));
    }
}
