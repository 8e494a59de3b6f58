using System.Text.Json;

namespace Touchpoint.Domain.Service.Routing;

/// <summary>Whether an agent takes new tickets now. Only available agents are given tickets by rules.</summary>
public enum AgentAvailability { Available = 0, Away = 1, Offline = 2 }

/// <summary>
/// What routing knows about a person who takes tickets: availability (set by the agent), skills and capacity (set by
/// an admin). One row per user, kept beside the user rather than on it so sign-in never loads routing state.
/// A user without a row is available, has no skills and no capacity limit.
/// </summary>
public sealed class AgentProfile
{
    public long UserId { get; set; }
    public AgentAvailability Availability { get; set; }

    /// <summary>Most open (new, open, pending, on hold) tickets routing gives this agent; null = no limit.</summary>
    public int? MaxOpenTickets { get; set; }

    /// <summary>Skills as a sorted JSON array of tag-like words ("billing", "lang:pt", "product:lamp").</summary>
    public string SkillsJson { get; set; } = "[]";
    public DateTime UpdatedAtUtc { get; set; }

    public IReadOnlyList<string> Skills => JsonSerializer.Deserialize<string[]>(SkillsJson) ?? [];

    public static string Wire(AgentAvailability a) => a.ToString().ToLowerInvariant();

    public static bool TryParseAvailability(string? text, out AgentAvailability a) =>
        Enum.TryParse(text, ignoreCase: true, out a) && Enum.IsDefined(a) && !char.IsDigit(text![0]);
}
