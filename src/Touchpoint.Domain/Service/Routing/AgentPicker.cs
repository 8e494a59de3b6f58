namespace Touchpoint.Domain.Service.Routing;

/// <summary>A team member as the picker sees them at the moment of assignment.</summary>
public sealed record AgentCandidate(long UserId, AgentAvailability Availability, int OpenTickets, int? MaxOpenTickets, IReadOnlyCollection<string> Skills)
{
    /// <summary>Available and below capacity: the only agents a rule may give a ticket to.</summary>
    public bool CanTakeTicket => Availability == AgentAvailability.Available && (MaxOpenTickets is not { } max || OpenTickets < max);
}

/// <summary>
/// Chooses the agent for a ticket. Both methods consider only agents who can take a ticket (available, below their
/// capacity) and return null when none can: the ticket then stays with the team, unassigned, and nobody is overloaded.
/// </summary>
public static class AgentPicker
{
    /// <summary>
    /// Round robin: the first eligible agent, by user id, after the one who got the team's last ticket, wrapping
    /// around. Keyed by user id (not by a position in the list), so a member joining or leaving does not make the
    /// turn skip or repeat anyone; persisting <paramref name="lastUserId"/> keeps it fair across restarts.
    /// </summary>
    public static AgentCandidate? RoundRobin(IEnumerable<AgentCandidate> members, long? lastUserId)
    {
        var eligible = members.Where(m => m.CanTakeTicket).OrderBy(m => m.UserId).ToList();
        if (eligible.Count == 0) return null;
        return eligible.FirstOrDefault(m => lastUserId is null || m.UserId > lastUserId) ?? eligible[0];
    }

    /// <summary>
    /// By skills: the eligible agent whose skills match most of the ticket's tags and custom field values
    /// ("key:value" and the bare value); ties go to the one with fewest open tickets, then round robin order.
    /// Nobody with a matching skill means null: a skill route is a promise of expertise, not just any free hand.
    /// </summary>
    public static AgentCandidate? BySkills(IEnumerable<AgentCandidate> members, IReadOnlySet<string> tags, IReadOnlyDictionary<string, string> fields, long? lastUserId)
    {
        var wanted = SkillWords(tags, fields);
        var scored = members.Where(m => m.CanTakeTicket)
            .Select(m => (Agent: m, Score: m.Skills.Count(s => wanted.Contains(s.Trim().ToLowerInvariant()))))
            .Where(x => x.Score > 0).ToList();
        if (scored.Count == 0) return null;
        var best = scored.Max(x => x.Score);
        var top = scored.Where(x => x.Score == best).Select(x => x.Agent).ToList();
        var fewest = top.Min(a => a.OpenTickets);
        return RoundRobin(top.Where(a => a.OpenTickets == fewest), lastUserId);
    }

    /// <summary>The words a skill is compared with: every tag, and each custom field as "key:value" and as the value.</summary>
    public static HashSet<string> SkillWords(IReadOnlySet<string> tags, IReadOnlyDictionary<string, string> fields)
    {
        var words = new HashSet<string>(tags.Select(t => t.ToLowerInvariant()), StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            words.Add($"{key}:{value}".ToLowerInvariant());
            words.Add(value.ToLowerInvariant());
        }
        return words;
    }
}
