using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Data.Service.Routing;

/// <summary>Reading and changing an agent's routing profile (availability, skills, capacity).</summary>
public static class AgentProfiles
{
    public const int MaxSkills = 30;

    public static async Task<AgentProfile> GetAsync(TouchpointDb db, long userId, CancellationToken ct) =>
        await db.Set<AgentProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, ct) ?? new AgentProfile { UserId = userId };

    /// <summary>Changes what is given (null leaves a part as it is); skills follow the tag alphabet so they compare with tags.</summary>
    public static async Task<IReadOnlyList<FieldError>> SetAsync(TouchpointDb db, long userId, string? availability, IReadOnlyList<string>? skills,
        int? maxOpenTickets, bool setCapacity, DateTime nowUtc, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (await TicketThread.AssigneeProblemAsync(db, userId, ct) is { } who) errors.Add(new("userId", who));
        AgentAvailability? av = null;
        if (availability is not null)
            if (AgentProfile.TryParseAvailability(availability, out var a)) av = a; else errors.Add(new("availability", "must be available, away or offline"));
        var normal = new List<string>();
        foreach (var s in skills ?? [])
            if (TicketTags.Normalise(s, out var problem) is { } skill) normal.Add(skill); else errors.Add(new("skills", problem!));
        if (normal.Count > MaxSkills) errors.Add(new("skills", $"an agent has at most {MaxSkills} skills"));
        if (setCapacity && maxOpenTickets is < 1 or > 1000) errors.Add(new("maxOpenTickets", "must be between 1 and 1000, or null for no limit"));
        if (errors.Count > 0) return errors;

        var profile = await db.Set<AgentProfile>().FirstOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is null) db.Set<AgentProfile>().Add(profile = new AgentProfile { UserId = userId });
        if (av is { } set) profile.Availability = set;
        if (skills is not null) profile.SkillsJson = TicketTags.Write(normal);
        if (setCapacity) profile.MaxOpenTickets = maxOpenTickets;
        profile.UpdatedAtUtc = nowUtc;
        await db.SaveChangesAsync(ct);
        return [];
    }
}
