using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Data.Service.Routing;

/// <summary>Reads the people routing may give tickets to, with their availability, skills, capacity and load (the rules and the API read them the same way).</summary>
public static class AgentRoster
{
    private static readonly TicketStatus[] Unresolved = [TicketStatus.New, TicketStatus.Open, TicketStatus.Pending, TicketStatus.OnHold];

    /// <summary>Active agents and admins in the team (or the one user), each with their open tickets counted now.</summary>
    public static async Task<List<AgentCandidate>> LoadAsync(TouchpointDb db, long? teamId, long? userId, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking().Where(u => u.IsActive && (u.Role == Roles.Agent || u.Role == Roles.Admin));
        if (teamId is { } team) users = users.Where(u => db.TeamMembers.Any(m => m.TeamId == team && m.UserId == u.Id));
        if (userId is { } one) users = users.Where(u => u.Id == one);
        var ids = await users.Select(u => u.Id).ToListAsync(ct);
        var profiles = await db.Set<AgentProfile>().AsNoTracking().Where(p => ids.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);
        var load = await db.Tickets.AsNoTracking()
            .Where(t => t.AssigneeId != null && ids.Contains(t.AssigneeId.Value) && t.MergedIntoId == null && Unresolved.Contains(t.Status))
            .GroupBy(t => t.AssigneeId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return ids.Select(id =>
        {
            var p = profiles.GetValueOrDefault(id);
            return new AgentCandidate(id, p?.Availability ?? AgentAvailability.Available, load.GetValueOrDefault(id), p?.MaxOpenTickets, p?.Skills ?? []);
        }).ToList();
    }

    /// <summary>Why an agent cannot take a ticket from a rule now; null when they can.</summary>
    public static string? Refusal(AgentCandidate? a, long userId) => a switch
    {
        null => $"user {userId} is not an active agent or admin",
        { Availability: not AgentAvailability.Available } => $"user {userId} is {AgentProfile.Wire(a.Availability)}",
        { MaxOpenTickets: { } max } when a.OpenTickets >= max => $"user {userId} already has {a.OpenTickets} open tickets (capacity {max})",
        _ => null,
    };
}
